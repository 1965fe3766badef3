export declare const API_NODE_FLAGS: string[];
export declare function apiNodeArgs(entry: string, extraFlags?: string[]): string[];
export declare function freePort(): Promise<number>;
