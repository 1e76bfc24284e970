/**
 * MySQL's throwaway database: a scratch database of the project's server, owned through its
 * lock as `scratch-databases.ts` describes, so that one left by a killed run is dropped by the
 * next run that needs one.
 */
import { onDatabase, usingConnection, type WithThrowaway } from '../throwaway.js';
import { connect } from './connect.js';
import { withScratchDatabase } from './scratch-databases.js';

/**
 * @example
 * await withThrowawayMysql(url, admin, async (scratch) => introspect(scratch, options));
 */
export const withThrowawayMysql: WithThrowaway = async (url, admin, use) => {
  if (url.dialect !== 'mysql') throw new Error(`withThrowawayMysql was given a ${url.dialect} URL.`);
  // The scratch database's own connection stays idle while `use` works on a pool of its own.
  return withScratchDatabase(await admin(), (_conn, name) =>
    usingConnection(() => connect({ dialect: 'mysql', connectionString: onDatabase(url.connectionString, name), display: `${url.display} (scratch ${name})` }), use),
  );
};
