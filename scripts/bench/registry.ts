// Every bench figure, in the order they run. A new figure: one file and one line here.
import { bigchart } from './bigchart.js';
import { cliStartup } from './cli-startup.js';
import { cold } from './cold.js';
import { fluxkit } from './flux-kit.js';
import type { Figure } from './figure.js';
import { limit } from './limit.js';
import { naive } from './naive.js';
import { parse } from './parse.js';
import { scale } from './scale.js';
import { schema } from './schema.js';
import { shards } from './shards.js';
import { unittest } from './unittest.js';
import { userLoop } from './user-loop.js';
import { watchLatency } from './watch.js';

export const FIGURES: Figure[] = [limit, cold, naive, scale, shards, bigchart, unittest, fluxkit, parse, schema, cliStartup, userLoop, watchLatency];
