export const handler = async () => ({ module: 'mjs' });
