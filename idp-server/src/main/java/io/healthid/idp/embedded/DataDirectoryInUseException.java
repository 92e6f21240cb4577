package io.healthid.idp.embedded;

/** Another live process owns the data directory: this one must not start a second PostgreSQL or Redis on it. */
public class DataDirectoryInUseException extends IllegalStateException {

    private final transient DataDirectoryLock.Owner owner;

    public DataDirectoryInUseException(DataDirectoryLock.Owner owner) {
        super("The data directory " + owner.directory() + " is in use by process " + owner.pid() + " (" + owner.role()
                + ", since " + owner.since() + ")");
        this.owner = owner;
    }

    public DataDirectoryLock.Owner owner() {
        return this.owner;
    }
}
