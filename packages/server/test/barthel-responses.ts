// Mrs B's Barthel Index answers at her first visit (12/20) and at review (16/20: up 4, past the MCID),
// shared by every test that tells her story.
export const barthelAt12 = { bowels: 2, bladder: 2, grooming: 1, 'toilet-use': 1, feeding: 2, transfer: 2, mobility: 1, dressing: 1, stairs: 0, bathing: 0 };
export const barthelAt16 = { ...barthelAt12, 'toilet-use': 2, transfer: 3, mobility: 2, stairs: 1 };
