// The built-in unit's look-fors and fact sheet ("The Rise of Totalitarianism in Russia", 1917–1929),
// written from the unit's own background texts. Instructors see and edit a copy per assignment.
import type { Fact, QuestionKnowledge, UnitKnowledge } from './knowledge';

const questions: QuestionKnowledge[] = [
  {
    criterionId: 'c-gq-rise',
    lookFors: [
      { id: 'war-and-collapse', label: 'The First World War and the collapse of Tsarism', aliases: ['First World War', 'World War I', 'World War One', 'WWI', 'Great War', 'Nicholas II', 'Tsar', 'Czar', 'Tsarist', 'abdicated', 'abdication', 'February Revolution'] },
      { id: 'provisional-government', label: 'The Provisional Government', aliases: ['Provisional Government', 'Kerensky'] },
      { id: 'october-revolution', label: 'The Bolshevik seizure of power (October 1917)', aliases: ['October Revolution', 'Bolshevik Revolution', 'seized power', 'seizure of power', 'took power', 'Winter Palace', 'Bolsheviks took over'] },
      { id: 'constituent-assembly', label: 'Dissolving the Constituent Assembly', aliases: ['Constituent Assembly'] },
      { id: 'cheka-terror', label: 'The Cheka and the Red Terror', aliases: ['Cheka', 'secret police', 'Red Terror', 'Dzerzhinsky', 'terror', 'OGPU', 'GPU'] },
      { id: 'one-party', label: 'Banning other parties and party factions', aliases: ['one-party', 'one party', 'banned parties', 'other parties', 'ban on factions', 'banned factions', 'factions', 'Mensheviks', 'Socialist Revolutionaries', 'SRs', 'Kadets'] },
      { id: 'totalitarian-ideas', label: 'What makes a state totalitarian', aliases: ['totalitarian', 'totalitarianism', 'dictatorship', 'dictatorship of the proletariat', 'propaganda', 'censorship', 'vanguard'] },
    ],
  },
  {
    criterionId: 'c-gq-soviet-1920s',
    lookFors: [
      { id: 'civil-war', label: 'The Civil War: Reds against Whites', aliases: ['Civil War', 'Whites', 'White Army', 'White armies', 'Red Army', 'Reds'] },
      { id: 'war-communism', label: 'War Communism and grain requisitioning', aliases: ['War Communism', 'requisitioning', 'requisition', 'grain requisitioning', 'nationalised', 'nationalized', 'nationalisation', 'nationalization'] },
      { id: 'kronstadt', label: 'The Kronstadt rebellion and peasant revolts', aliases: ['Kronstadt', 'Tambov', 'peasant revolts', 'peasant uprisings', 'sailors'] },
      { id: 'nep', label: 'The New Economic Policy (NEP)', aliases: ['NEP', 'New Economic Policy', 'Nepmen', 'tax in kind', 'private trade', 'state capitalism'] },
      { id: 'ussr', label: 'Founding the USSR (1922)', aliases: ['USSR', 'Union of Soviet Socialist Republics', 'Soviet Union', 'constitution', 'republics'] },
      { id: 'party-state', label: 'The Party controls the state', aliases: ['Politburo', 'Central Committee', 'Communist Party', 'Bolshevik Party', 'Sovnarkom', 'soviets', 'nomenklatura'] },
    ],
  },
  {
    criterionId: 'c-gq-stalin',
    lookFors: [
      { id: 'general-secretary', label: 'General Secretary: the power to appoint', aliases: ['General Secretary', 'Secretariat', 'appointments', 'appointed', 'patronage', 'Orgburo', 'party machine'] },
      { id: 'testament', label: 'Lenin’s Testament and death', aliases: ['Testament', "Lenin's Testament", 'Lenin died', "Lenin's death", 'death of Lenin', 'funeral', 'Lenin Enrolment'] },
      { id: 'trotsky', label: 'Defeating Trotsky', aliases: ['Trotsky', 'permanent revolution', 'Left Opposition'] },
      { id: 'zinoviev-kamenev', label: 'Allying with, then dropping, Zinoviev and Kamenev', aliases: ['Zinoviev', 'Kamenev', 'triumvirate', 'troika', 'United Opposition'] },
      { id: 'bukharin', label: 'Defeating Bukharin and the Right', aliases: ['Bukharin', 'Right Opposition', 'Rykov', 'Tomsky'] },
      { id: 'socialism-one-country', label: 'Socialism in One Country', aliases: ['Socialism in One Country', 'socialism in one country'] },
      { id: 'expulsion', label: 'Expulsion and exile of rivals', aliases: ['expelled', 'exiled', 'deported', 'Alma-Ata', 'Mexico', 'removed from the Politburo'] },
    ],
  },
  {
    criterionId: 'c-gq-policies',
    lookFors: [
      { id: 'nep-policy', part: 'domestic policy', label: 'NEP at home: private trade and the peasants', aliases: ['NEP', 'New Economic Policy', 'Nepmen', 'kulaks', 'private trade', 'scissors crisis', 'grain crisis'] },
      { id: 'five-year-plan', part: 'domestic policy', label: 'The first Five-Year Plan and collectivisation', aliases: ['Five-Year Plan', 'Five Year Plan', 'five-year plans', 'collectivisation', 'collectivization', 'collective farms', 'kolkhoz', 'industrialisation', 'industrialization', 'Gosplan'] },
      { id: 'culture-religion', part: 'domestic policy', label: 'Education, culture and the church', aliases: ['literacy', 'Church', 'religion', 'atheism', 'Komsomol', 'women', 'propaganda'] },
      { id: 'comintern', part: 'foreign policy', label: 'The Comintern and world revolution', aliases: ['Comintern', 'Communist International', 'Third International', 'world revolution', 'spread revolution'] },
      { id: 'rapallo', part: 'foreign policy', label: 'The Treaty of Rapallo with Germany', aliases: ['Rapallo', 'Germany', 'German'] },
      { id: 'recognition', part: 'foreign policy', label: 'Recognition and relations with the West', aliases: ['recognised', 'recognized', 'recognition', 'trade agreement', 'Anglo-Soviet', 'war scare', 'broke off relations', 'diplomatic'] },
      { id: 'brest-litovsk', part: 'foreign policy', label: 'Peace of Brest-Litovsk', aliases: ['Brest-Litovsk', 'Brest Litovsk'] },
    ],
  },
];

const FOUNDED = ['formed', 'founded', 'created', 'established', 'set up', 'began', 'started', 'born', 'proclaimed', 'came into being', 'made'];
const TSAR = ['Tsar', 'Czar', 'Nicholas II', 'Nicholas', 'Romanovs', 'royal family', 'imperial family'];

const facts: Fact[] = [
  { kind: 'date', id: 'february-revolution', fact: 'The February Revolution was in 1917 (March 1917 in the Western calendar).', subject: ['February Revolution'], years: [1917] },
  { kind: 'date', id: 'tsar-abdicated', fact: 'Nicholas II abdicated in March 1917.', subject: TSAR, action: ['abdicated', 'abdication', 'stepped down'], years: [1917] },
  { kind: 'date', id: 'october-revolution', fact: 'The Bolsheviks seized power in the October Revolution of 1917.', subject: ['October Revolution', 'Bolshevik Revolution'], years: [1917] },
  { kind: 'date', id: 'bolsheviks-took-power', fact: 'The Bolsheviks seized power in October 1917.', subject: ['Bolsheviks', 'Bolshevik', 'Lenin'], action: ['seized power', 'took power', 'came to power', 'took over', 'seized control'], years: [1917] },
  { kind: 'date', id: 'lenin-returned', fact: 'Lenin returned to Russia in April 1917.', subject: ['Lenin'], action: ['returned', 'came back', 'sealed train'], years: [1917] },
  { kind: 'date', id: 'cheka-created', fact: 'The Cheka was created in December 1917.', subject: ['Cheka'], action: FOUNDED, years: [1917] },
  { kind: 'date', id: 'constituent-assembly', fact: 'The Constituent Assembly was elected in November 1917 and dissolved in January 1918.', subject: ['Constituent Assembly'], action: ['dissolved', 'closed', 'shut', 'disbanded', 'broke up', 'met', 'elected', 'elections'], years: [1917, 1918] },
  { kind: 'date', id: 'brest-litovsk', fact: 'The Treaty of Brest-Litovsk was signed in March 1918.', subject: ['Brest-Litovsk', 'Brest Litovsk'], years: [1918] },
  { kind: 'date', id: 'romanovs-killed', fact: 'The Bolsheviks executed Nicholas II and his family at Yekaterinburg in July 1918.', subject: TSAR, action: ['executed', 'killed', 'shot', 'murdered', 'execution'], years: [1918] },
  { kind: 'date', id: 'comintern-founded', fact: 'The Comintern (Communist International) was founded in March 1919.', subject: ['Comintern', 'Communist International', 'Third International'], action: FOUNDED, years: [1919] },
  { kind: 'date', id: 'kronstadt', fact: 'The Kronstadt sailors rebelled in March 1921.', subject: ['Kronstadt'], action: ['rebellion', 'revolt', 'rising', 'uprising', 'rebelled', 'revolted', 'mutiny', 'mutinied', 'rose'], years: [1921] },
  { kind: 'date', id: 'nep-introduced', fact: 'Lenin introduced the New Economic Policy (NEP) in March 1921.', subject: ['NEP', 'New Economic Policy'], action: ['introduced', 'began', 'started', 'launched', 'adopted', 'announced', 'brought in', 'created'], years: [1921] },
  { kind: 'date', id: 'nep-ended', fact: 'Stalin ended the NEP in 1928–1929.', subject: ['NEP', 'New Economic Policy'], action: ['ended', 'abandoned', 'scrapped', 'dropped', 'abolished'], years: [1928, 1929] },
  { kind: 'date', id: 'factions-banned', fact: 'The Tenth Party Congress banned factions in March 1921.', subject: ['factions', 'Tenth Party Congress', 'Tenth Congress', '10th Congress', '10th Party Congress'], action: ['banned', 'ban', 'outlawed', 'forbade', 'prohibited'], years: [1921] },
  { kind: 'date', id: 'rapallo', fact: 'The Treaty of Rapallo with Germany was signed in April 1922.', subject: ['Rapallo'], years: [1922] },
  { kind: 'date', id: 'general-secretary', fact: 'Stalin became General Secretary in April 1922, while Lenin was alive.', subject: ['General Secretary'], action: ['became', 'made', 'appointed', 'named', 'got', 'given', 'elected', 'chosen'], years: [1922] },
  { kind: 'date', id: 'ussr-founded', fact: 'The USSR was founded in December 1922.', subject: ['USSR', 'Soviet Union', 'Union of Soviet Socialist Republics'], action: FOUNDED, years: [1922], unless: ['constitution'] },
  { kind: 'date', id: 'lenin-died', fact: 'Lenin died in January 1924.', subject: ['Lenin'], action: ['died', 'death', 'passed away'], years: [1924] },
  { kind: 'date', id: 'trotsky-war-commissar', fact: 'Trotsky lost the War Commissariat in January 1925.', subject: ['War Commissar', 'Commissar of War', 'Commissar for War', 'War Commissariat', 'Commissar for Military Affairs'], action: ['lost', 'removed', 'dismissed', 'resigned', 'gave up', 'forced out'], years: [1925] },
  { kind: 'date', id: 'trotsky-expelled', fact: 'Trotsky was expelled from the Party in November 1927.', subject: ['Trotsky'], action: ['expelled'], years: [1927] },
  { kind: 'date', id: 'trotsky-deported', fact: 'Trotsky was exiled to Alma-Ata in January 1928 and deported from the USSR in February 1929.', subject: ['Trotsky'], action: ['deported', 'exiled', 'banished', 'exile', 'deportation'], years: [1928, 1929] },
  { kind: 'date', id: 'trotsky-killed', fact: 'Trotsky was murdered in Mexico in 1940.', subject: ['Trotsky'], action: ['killed', 'murdered', 'assassinated', 'ice axe'], years: [1940] },
  { kind: 'date', id: 'five-year-plan', fact: 'The first Five-Year Plan began in 1928.', subject: ['first Five-Year Plan', 'first Five Year Plan', 'First Five-Year Plan', '1st Five-Year Plan'], years: [1928, 1929] },
  { kind: 'date', id: 'britain-recognised', fact: 'Britain recognised the USSR in February 1924.', subject: ['Britain', 'British', 'Great Britain'], action: ['recognised', 'recognized', 'recognition'], years: [1924] },
  { kind: 'date', id: 'red-terror', fact: 'The Red Terror was declared in September 1918, after the attempt on Lenin’s life.', subject: ['Red Terror'], years: [1918, 1919, 1920, 1921, 1922] },
  { kind: 'date', id: 'tambov', fact: 'The Tambov peasant revolt lasted from 1920 to 1921.', subject: ['Tambov'], years: [1920, 1921] },
  { kind: 'date', id: 'britain-broke-relations', fact: 'Britain broke off relations with the USSR in May 1927, starting the war scare.', subject: ['Britain', 'British'], action: ['broke off', 'broke', 'severed', 'cut'], years: [1927] },
  { kind: 'date', id: 'zinoviev-kamenev-expelled', fact: 'Zinoviev and Kamenev were expelled from the Party in December 1927.', subject: ['Zinoviev', 'Kamenev'], action: ['expelled'], years: [1927, 1932] },
  { kind: 'date', id: 'bukharin-removed', fact: 'Bukharin was removed from the Politburo in November 1929.', subject: ['Bukharin'], action: ['removed', 'ousted', 'dropped', 'thrown out'], years: [1929] },
  { kind: 'date', id: 'collectivisation-began', fact: 'Forced collectivisation began in 1929.', subject: ['collectivisation', 'collectivization'], action: ['began', 'started', 'launched', 'introduced', 'forced'], years: [1928, 1929, 1930] },
  {
    kind: 'identity', id: 'whites', fact: 'The Whites were anti-Bolshevik forces (monarchists, liberals, former Tsarist officers), not Mensheviks or Bolsheviks.',
    subject: ['Whites', 'White Army', 'White armies', 'White forces'],
    wrong: [
      { aliases: ['Mensheviks', 'Menshevik'], says: 'the Whites were Mensheviks' },
      { aliases: ['Bolsheviks', 'Bolshevik', 'communists', 'Reds', 'Red Army'], says: 'the Whites were Bolsheviks or Reds' },
    ],
  },
  {
    kind: 'identity', id: 'reds', fact: 'The Reds were the Bolsheviks and their Red Army.', subject: ['Reds', 'Red Army'],
    wrong: [
      { aliases: ['Whites', 'White Army', 'Mensheviks', 'Menshevik', 'Tsarists', 'monarchists'], says: 'the Reds were Whites, Mensheviks or Tsarists' },
    ],
  },
  {
    kind: 'identity', id: 'politburo', fact: 'The Politburo was the Party’s top policy committee; the secret police was the Cheka (later GPU/OGPU).', subject: ['Politburo'],
    wrong: [
      { aliases: ['secret police', 'police'], says: 'the Politburo was the secret police' },
      { aliases: ['parliament'], says: 'the Politburo was a parliament' },
      { aliases: ['army', 'Red Army'], says: 'the Politburo was the army' },
    ],
  },
  {
    kind: 'identity', id: 'comintern', fact: 'The Comintern (Communist International, 1919) worked to spread communist revolution abroad.', subject: ['Comintern', 'Communist International'],
    wrong: [
      { aliases: ['parliament', 'Soviet parliament'], says: 'the Comintern was a parliament' },
      { aliases: ['secret police', 'police'], says: 'the Comintern was the secret police' },
      { aliases: ['army', 'Red Army'], says: 'the Comintern was the army' },
    ],
  },
  {
    kind: 'identity', id: 'cheka', fact: 'The Cheka was the Bolsheviks’ secret police, founded in December 1917.', subject: ['Cheka'],
    wrong: [
      { aliases: ['parliament'], says: 'the Cheka was a parliament' },
      { aliases: ['army', 'Red Army'], says: 'the Cheka was the army' },
      { aliases: ['Politburo'], says: 'the Cheka was the Politburo' },
    ],
  },
  {
    kind: 'identity', id: 'general-secretary-role', fact: 'The General Secretary ran the Party’s Secretariat and its appointments; Trotsky led the army until 1925.', subject: ['General Secretary'],
    wrong: [{ aliases: ['in charge of the army', 'head of the army', 'command of the army', 'commander of the army', 'leader of the army', 'in charge of the Red Army', 'head of the Red Army'], says: 'the General Secretary commanded the army' }],
  },
  {
    kind: 'identity', id: 'rapallo-not-brest', fact: 'The Treaty of Rapallo (April 1922) restored relations with Germany; Russia left the war by the Treaty of Brest-Litovsk (March 1918).', subject: ['Treaty of Rapallo', 'Rapallo'],
    wrong: [{ aliases: ['out of World War One', 'out of World War I', 'out of the First World War', 'out of the war', 'ended the war', 'end the war', 'left the war', 'gave land'], says: 'Rapallo took Russia out of the First World War' }],
    near: true,
  },
  {
    kind: 'identity', id: 'brest-not-rapallo', fact: 'The Treaty of Brest-Litovsk (March 1918) took Russia out of the war; relations with Germany were restored at Rapallo (1922).', subject: ['Brest-Litovsk', 'Brest Litovsk'],
    wrong: [{ aliases: ['restored relations', 'friendship treaty', 'alliance with Germany'], says: 'Brest-Litovsk restored relations with Germany' }],
  },
  {
    kind: 'identity', id: 'nep-not-requisitioning', fact: 'Under the NEP peasants paid a tax in kind and could sell their surplus; seizing grain was War Communism.', subject: ['NEP', 'New Economic Policy'],
    wrong: [{ aliases: ['took all of the grain', 'took all the grain', 'seized all the grain', 'took all their grain', 'requisitioned all'], says: 'under the NEP the state took all the grain' }],
    near: true,
    unless: ['replaced', 'ended', 'instead', 'unlike', 'before', 'contrast', 'communism', 'stopped', 'no longer'],
  },
  {
    kind: 'identity', id: 'gulag', fact: 'The Gulag was the system of labour camps; the secret police was the Cheka (later GPU/OGPU/NKVD).', subject: ['Gulag', 'gulags'],
    wrong: [{ aliases: ['secret police'], says: 'the Gulag was the secret police' }],
  },
  {
    kind: 'identity', id: 'kerensky', fact: 'Kerensky, a moderate socialist (SR), led the Provisional Government that the Bolsheviks overthrew.', subject: ['Kerensky'],
    wrong: [{ aliases: ['Bolshevik', 'Bolsheviks', 'Bolshevik leader', 'communist'], says: 'Kerensky was a Bolshevik' }],
  },
  {
    kind: 'identity', id: 'nep-not-collectivisation', fact: 'The NEP allowed small private trade and farming; collectivisation and the Five-Year Plans replaced it from 1928–1929.', subject: ['NEP', 'New Economic Policy'],
    wrong: [{ aliases: ['collectivisation', 'collectivization', 'collective farms', 'abolished private trade', 'banned private trade'], says: 'the NEP was collectivisation or banned private trade' }],
    unless: ['replaced', 'ended', 'instead', 'unlike', 'after', 'before', 'abandoned', 'gave way', 'followed'],
  },
  {
    kind: 'identity', id: 'war-communism-not-nep', fact: 'War Communism (1918–1921) seized grain and banned private trade; the NEP brought private trade back.', subject: ['War Communism'],
    wrong: [{ aliases: ['private trade', 'free trade', 'free market', 'tax in kind'], says: 'War Communism allowed private trade' }],
    links: ['allowed', 'let', 'permitted', 'brought'],
    unless: ['NEP', 'New', 'replaced', 'instead', 'unlike', 'ended'],
  },
  {
    kind: 'identity', id: 'testament', fact: 'Lenin’s Testament warned against Stalin and urged that he be removed as General Secretary.', subject: ['Testament'],
    wrong: [{ aliases: ['Stalin as his successor', 'Stalin as successor', 'Stalin to succeed him', 'Stalin to lead', 'Stalin should lead', 'Stalin should succeed him', 'Stalin as leader'], says: 'the Testament chose Stalin as successor' }],
    links: ['named', 'chose', 'recommended', 'picked', 'wanted', 'said'],
  },
  {
    kind: 'actor', id: 'mensheviks-not-lenin', fact: 'Lenin led the Bolsheviks; the Mensheviks were led by Martov and others.', deed: ['Mensheviks', 'Menshevik Party'],
    verbs: ['led', 'headed', 'founded', 'ran'],
    wrongActors: [{ aliases: ['Lenin'], name: 'Lenin' }, { aliases: ['Stalin'], name: 'Stalin' }],
  },
  {
    kind: 'actor', id: 'cheka-led-by-dzerzhinsky', fact: 'Felix Dzerzhinsky led the Cheka.', deed: ['Cheka'],
    verbs: ['led', 'headed', 'ran', 'commanded'],
    wrongActors: [{ aliases: ['Trotsky'], name: 'Trotsky' }, { aliases: ['Beria'], name: 'Beria' }, { aliases: ['Yezhov'], name: 'Yezhov' }, { aliases: ['Stalin'], name: 'Stalin' }],
  },
  {
    kind: 'actor', id: 'provisional-government-led', fact: 'The Provisional Government was led by Prince Lvov and then Kerensky; the Bolsheviks overthrew it.', deed: ['Provisional Government'],
    verbs: ['led', 'headed', 'ran', 'formed', 'set up'],
    wrongActors: [{ aliases: ['Lenin'], name: 'Lenin' }, { aliases: ['Trotsky'], name: 'Trotsky' }, { aliases: ['Stalin'], name: 'Stalin' }],
  },
  {
    kind: 'actor', id: 'permanent-revolution', fact: 'Permanent revolution was Trotsky’s idea; Stalin argued for Socialism in One Country.', deed: ['permanent revolution'],
    verbs: ['argued for', 'proposed', 'came up with', 'supported', 'believed in', 'wanted'],
    wrongActors: [{ aliases: ['Stalin'], name: 'Stalin' }],
  },
  { kind: 'misnomer', id: 'nep-name', fact: 'NEP stands for New Economic Policy.', wrong: ['New Economic Plan'], says: 'NEP stands for "New Economic Plan"' },
  {
    kind: 'actor', id: 'nep-by-lenin', fact: 'Lenin introduced the NEP in 1921.', deed: ['NEP', 'New Economic Policy'],
    verbs: ['started', 'introduced', 'began', 'launched', 'created', 'brought in', 'came up with', 'established', 'invented', 'set up', 'start', 'introduce'],
    wrongActors: [{ aliases: ['Stalin'], name: 'Stalin' }, { aliases: ['Trotsky'], name: 'Trotsky' }],
  },
  {
    kind: 'actor', id: 'five-year-plan-by-stalin', fact: 'The first Five-Year Plan (from 1928) was Stalin’s state-planned industrialisation; the NEP was Lenin’s.', deed: ['Five-Year Plan', 'Five Year Plan', 'Five-Year Plans', 'collectivisation', 'collectivization'],
    verbs: ['started', 'introduced', 'began', 'launched', 'created', 'brought in', 'came up with', 'established', 'set up', 'start', 'introduce'],
    wrongActors: [{ aliases: ['Lenin'], name: 'Lenin' }, { aliases: ['Trotsky'], name: 'Trotsky' }],
  },
  {
    kind: 'actor', id: 'cheka-not-stalin', fact: 'Lenin’s government created the Cheka in December 1917, under Felix Dzerzhinsky.', deed: ['Cheka'],
    verbs: ['started', 'created', 'founded', 'set up', 'established', 'formed', 'made'],
    wrongActors: [{ aliases: ['Stalin'], name: 'Stalin' }],
  },
  {
    kind: 'actor', id: 'red-army-trotsky', fact: 'Trotsky built and led the Red Army in the Civil War.', deed: ['Red Army'],
    verbs: ['led', 'commanded', 'built', 'created', 'organised', 'organized', 'founded', 'ran'],
    wrongActors: [{ aliases: ['Stalin'], name: 'Stalin' }],
  },
  {
    kind: 'actor', id: 'revolution-led', fact: 'Lenin and Trotsky led the October Revolution; Stalin was a secondary figure.', deed: ['revolution', 'October Revolution', 'Bolshevik Revolution', 'seizure of power'],
    verbs: ['led', 'lead', 'headed', 'organised', 'organized', 'masterminded'],
    wrongActors: [{ aliases: ['Stalin'], name: 'Stalin' }],
  },
  {
    kind: 'actor', id: 'tsar-killed-by-bolsheviks', fact: 'The Bolsheviks executed the Tsar and his family at Yekaterinburg in July 1918.', deed: TSAR,
    verbs: ['killed', 'executed', 'shot', 'murdered', 'kill', 'execute'],
    wrongActors: [{ aliases: ['Whites', 'White Army', 'White armies'], name: 'the Whites' }, { aliases: ['Mensheviks'], name: 'the Mensheviks' }],
  },
  {
    kind: 'actor', id: 'tsar-overthrown-by', fact: 'Nicholas II abdicated in the February Revolution (March 1917); in October the Bolsheviks overthrew the Provisional Government.', deed: ['Tsar', 'Czar', 'Nicholas II', 'tsarism'],
    verbs: ['got rid of', 'overthrew', 'overthrown', 'removed', 'deposed', 'toppled', 'get rid of', 'overthrow'],
    wrongActors: [{ aliases: ['Lenin'], name: 'Lenin' }, { aliases: ['Bolsheviks'], name: 'the Bolsheviks' }, { aliases: ['Stalin'], name: 'Stalin' }],
  },
  {
    kind: 'actor', id: 'socialism-in-one-country', fact: 'Socialism in One Country was Stalin’s slogan; Trotsky argued for permanent revolution.', deed: ['Socialism in One Country'],
    verbs: ['argued for', 'proposed', 'came up with', 'supported', 'believed in', 'wanted'],
    wrongActors: [{ aliases: ['Trotsky'], name: 'Trotsky' }],
  },
  {
    kind: 'identity', id: 'lenin-successor', fact: 'Lenin named no successor; his Testament urged that Stalin be removed as General Secretary.', subject: ['Lenin'],
    wrong: [{ aliases: ['Stalin to take over', 'Stalin as his successor', 'Stalin to succeed him', 'Stalin to lead', 'Stalin to be leader', 'Stalin as leader'], says: 'Lenin chose Stalin as his successor' }],
    links: ['picked', 'chose', 'named', 'wanted', 'appointed', 'choose', 'pick'],
  },
];

export const builtInKnowledge: UnitKnowledge = { questions, facts };
