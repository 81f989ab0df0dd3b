// The people context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export {};
