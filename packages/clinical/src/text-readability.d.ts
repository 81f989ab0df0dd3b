// text-readability ships no types: the one function Homeward uses (record/plain-words.ts).
declare module 'text-readability' {
  const readability: {
    /** The Flesch-Kincaid grade level (US school grade) of a text. */
    fleschKincaidGrade(text: string): number;
  };
  export default readability;
}
