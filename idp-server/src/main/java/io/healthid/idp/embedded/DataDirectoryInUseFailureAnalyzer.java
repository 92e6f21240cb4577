package io.healthid.idp.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says who holds the data directory and how to stop it, instead of a stack trace. */
public class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        DataDirectoryLock.Owner owner = cause.owner();
        return new FailureAnalysis(cause.getMessage() + ". One server per data directory: its embedded PostgreSQL and"
                + " Redis belong to that process.",
                "Stop process " + owner.pid() + " first (kill " + owner.pid() + ", or Ctrl-C in its terminal: it stops"
                        + " its PostgreSQL and Redis), or start this one with another idp.data-dir.",
                cause);
    }
}
