package com.wedsync.ml.platform.startup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks, before any bean is created, that the JobRunr dashboard's port is free. Without it, a taken
 * port is noticed only after JobRunr's background server has started its own threads, which then
 * print stack traces while the failed context shuts down.
 */
@Component
class DashboardPortPreflight implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!environment.getProperty("jobrunr.dashboard.enabled", Boolean.class, false)) {
            return;
        }
        int port = environment.getProperty("jobrunr.dashboard.port", Integer.class, 8000);
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new DashboardPortInUseException(port, e);
        }
    }

    /** The dashboard's port is taken. */
    static final class DashboardPortInUseException extends RuntimeException {
        final int port;

        DashboardPortInUseException(int port, IOException cause) {
            super("JobRunr dashboard port " + port + " is in use", cause);
            this.port = port;
        }
    }
}
