// The start page's public face (ARCHITECTURE.md, "The public face of a context"). Nothing in home is
// used elsewhere yet.
export {};
