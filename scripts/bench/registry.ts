// Every bench figure, in the order they run. A new figure: one file and one line here.
import { bigchart } from './bigchart.js';
import { cold } from './cold.js';
import type { Figure } from './figure.js';
import { limit } from './limit.js';
import { naive } from './naive.js';
import { scale } from './scale.js';
import { shards } from './shards.js';

export const FIGURES: Figure[] = [limit, cold, naive, scale, shards, bigchart];
