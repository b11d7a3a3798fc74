package io.github.redisjcache.connection;

/** Where reads go: masters only (the default, always fresh), or replicas for reads that tolerate staleness. */
public enum ReadFrom {
    /** Every read goes to the master: reads see every acknowledged write. */
    MASTER,
    /** Plain reads go to replicas: they may miss writes made moments ago. */
    REPLICA,
    /** Plain reads are spread over the master and its replicas: they may miss writes made moments ago. */
    MASTER_REPLICA;

    static ReadFrom parse(String setting, String value) {
        return SettingValues.choice(setting, value, values(), "master, replica or master-replica");
    }
}
