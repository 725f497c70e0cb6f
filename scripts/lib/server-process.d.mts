/** The arguments `node` runs the Inkwell server with (see server-process.mjs). */
export declare const SERVER_NODE_ARGS: readonly string[];
