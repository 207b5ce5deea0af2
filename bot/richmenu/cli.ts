import { richMenuCommand } from './command';

/** `npm run line:richmenu -- --org <slug>`: see USAGE in ./command.ts. */
process.exitCode = await richMenuCommand(process.argv.slice(2), process.env);
