// Module resolve hook of the Electron STAND-IN (registered by register.mjs): `electron` is
// the stand-in; every other specifier resolves as Node resolves it.
const standIn = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron' || specifier === 'electron/main') {
    return { url: standIn, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
