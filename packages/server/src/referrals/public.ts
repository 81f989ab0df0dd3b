// Referrals' public face (ARCHITECTURE.md, "The public face of a context"). No other context uses
// referrals yet; what one needs is exported here, never imported from the file that holds it.
export {};
