export * from './rates';
export * from './nps';
export * from './stats';
export * from './ab';
export * from './reactivation';
export * from './verdict';
export * from './benchmarks';
export * from './inactivity';
