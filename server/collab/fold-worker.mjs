// Worker threads start outside tsx's loader on Node 20; this plain entry hands over to the TypeScript.
import { tsImport } from 'tsx/esm/api';

await tsImport('./fold-worker.ts', import.meta.url);
