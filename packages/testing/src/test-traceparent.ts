/**
 * A well-formed, sampled W3C `traceparent` (the Trace Context specification's example), for
 * message and request contexts whose trace a test asserts is passed on unchanged.
 */
export const TEST_TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
