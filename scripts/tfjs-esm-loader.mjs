// Lets Node's ESM loader read tfjs-core's per-file ESM build (dist/**/*.js), whose relative imports
// omit the ".js" extension. Scripts that train need it: the gradient kernels are only published
// that way (dist/register_all_gradients.js). Used as: node --import ./scripts/tfjs-esm-loader.mjs
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const fromTfjs = context.parentURL && context.parentURL.includes('/node_modules/@tensorflow/');
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (!fromTfjs || !relative) throw error;
    try {
      return await next(specifier + '.js', context);
    } catch {
      return next(specifier + '/index.js', context);
    }
  }
}`),
  import.meta.url,
);
