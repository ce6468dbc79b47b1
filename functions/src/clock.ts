/** The current time, passed in so that every decision can be tested with a fake clock. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
