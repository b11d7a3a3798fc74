/** JMX: the statistics and configuration MXBeans of each cache, and their registration. */
package io.github.redisjcache.management;
