/** Public surface of the simulator module; everything else in this folder is internal. */
export { communityProfiles, estimateEvents, generateEvents, type CommunityProfile, type SimulationOptions } from './generate-events.js';
export { runSimulation, type SimulationProgress } from './run-simulation.js';
