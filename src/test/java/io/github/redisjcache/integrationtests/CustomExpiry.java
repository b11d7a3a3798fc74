package io.github.redisjcache.integrationtests;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/** An application's own policy: ten minutes from creation, five from each update, reads change nothing. */
public final class CustomExpiry implements ExpiryPolicy, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Duration getExpiryForCreation() {
        return new Duration(TimeUnit.MINUTES, 10);
    }

    @Override
    public Duration getExpiryForUpdate() {
        return new Duration(TimeUnit.MINUTES, 5);
    }

    @Override
    public Duration getExpiryForAccess() {
        return null;
    }
}
