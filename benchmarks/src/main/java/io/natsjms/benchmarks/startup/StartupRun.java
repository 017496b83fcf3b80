package io.natsjms.benchmarks.startup;

/**
 * What one start of the server took, in milliseconds from the moment the process was spawned.
 *
 * @param tcpMillis      until the NATS port accepted a TCP connection
 * @param readyLineMillis until the server printed {@code Streaming Server is ready}
 * @param stanMillis     until a STAN connect (tried first as soon as TCP was accepted) succeeded
 * @param failedConnects STAN connect attempts that failed before that one
 * @param stopMillis     from SIGTERM until the process ended
 * @param exitStatus     the process's exit status after SIGTERM
 */
record StartupRun(double tcpMillis, double readyLineMillis, double stanMillis, int failedConnects,
                  double stopMillis, int exitStatus) {
}
