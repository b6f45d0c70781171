// `require('electron')` under the STAND-IN: the object register.mjs built.
const electron = globalThis[Symbol.for('agent-desk.electron-stand-in')];
if (electron === undefined) throw new Error('the electron stand-in is not registered');
module.exports = electron;
