/**
 * The machine a benchmark ran on, for the report.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/**
 * CPUs, memory, load (other processes skew timings), Node and server versions, as an object and a one-paragraph summary.
 *
 * @example
 * machineDescription({ postgres: 'PostgreSQL 15.20' }).summary;
 */
export function machineDescription(serverVersions) {
  const description = {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
    node: process.version,
    servers: serverVersions,
  };
  const servers = Object.entries(serverVersions).map(([dialect, version]) => `${dialect}: ${version}`).join('; ');
  return {
    ...description,
    summary: `Machine: ${description.cpus} CPUs (${description.cpuModel}), ${description.memoryGiB} GiB RAM, Node ${description.node}, load average at the end ${description.loadAverage.join(' ')}; ${servers}`,
  };
}
