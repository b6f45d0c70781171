/**
 * Types of the `plist` package (3.1.0 ships none): the two functions the desk uses. `parse`
 * reads an XML property list (it throws on a document whose root is not <plist>); `build`
 * writes one (the template generator in build/).
 */
declare module 'plist' {
  export type PlistValue =
    string | number | boolean | Date | Uint8Array | PlistValue[] | { [key: string]: PlistValue };
  export function parse(xml: string): PlistValue;
  export function build(
    value: unknown,
    options?: { pretty?: boolean; indent?: string; newline?: string },
  ): string;
  const plist: { parse: typeof parse; build: typeof build };
  export default plist;
}
