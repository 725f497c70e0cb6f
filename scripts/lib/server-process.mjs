// How the Inkwell server process is started: `npm start`, the benchmark and the README's production
// command all run `node ${SERVER_NODE_ARGS}` from the project root (the bundle is ensureServerBuild's),
// so the memory the benchmark measures is production's.
//
// --max-old-space-size=1024: with no limit given, V8 takes one from the machine's memory (about 4 GB
// here) and then lets the old generation grow to up to 4× what is live between full collections;
// under a 1 GB limit it grows by at most about 1.6×. Inkwell keeps 90–140 MB live, so the limit
// leaves room to spare while the heap stays near what is live: in the benchmark the largest server
// RSS went from 509 MB to 306–340 MB with no more server CPU (issue #16). A process that really
// needs more (none has) stops with "heap out of memory" and its service manager restarts it.
export const SERVER_NODE_ARGS = ['--max-old-space-size=1024', '--enable-source-maps', '.build/server.js'];
