// Knobs that no simulated metric depends on yet: a finding on one of them is reported, but no
// table can show its effect (the lock-contention model and lock.wait_pct are not built). Kept
// apart from evaluate.ts so that the panel can say so without bundling the simulator.
export const UNSIMULATED_KNOBS: readonly string[] = ['lockGranularity'];
