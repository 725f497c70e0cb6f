// Which knowledge the assistant uses for a unit: the unit's own, once an instructor has edited it,
// else the built-in unit's for the built-in unit, else none (the writing criteria still work).
import type { Unit } from '../unit';
import { builtInKnowledge } from './built-in-knowledge';
import type { UnitKnowledge } from './knowledge';

export const BUILT_IN_UNIT_ID = 'unit-rise-of-totalitarianism-russia';

export function knowledgeOfUnit(unit: Pick<Unit, 'id'> & { knowledge?: UnitKnowledge }): UnitKnowledge {
  if (unit.knowledge) return unit.knowledge;
  if (unit.id === BUILT_IN_UNIT_ID) return builtInKnowledge;
  return { questions: [], facts: [] };
}
