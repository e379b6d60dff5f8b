/** The part of nspell's API that the spelling check uses (the package ships no types). */
declare module "nspell" {
  interface Speller {
    correct(word: string): boolean;
  }
  export default function nspell(dictionary: { aff: Uint8Array | string; dic?: Uint8Array | string }): Speller;
}
