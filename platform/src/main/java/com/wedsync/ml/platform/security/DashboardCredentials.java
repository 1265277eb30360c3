package com.wedsync.ml.platform.security;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * The JobRunr dashboard (port 8000) keeps JobRunr's own HTTP Basic authentication. Its password comes from
 * {@code WEDSYNC_DASHBOARD_PASSWORD}; when that is unset, one is generated before any bean is created, at each
 * start (JobRunr holds it only in memory), and printed once to the log. There is no default password.
 */
@Component
class DashboardCredentials implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(DashboardCredentials.class);

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
        String user = environment.getProperty("jobrunr.dashboard.username");
        if (user == null || user.isBlank()) {
            user = "admin";
        }
        String password = environment.getProperty("jobrunr.dashboard.password");
        if (password != null && !password.isBlank()) {
            return;
        }
        String generated = Secrets.password();
        ((ConfigurableEnvironment) environment).getPropertySources().addFirst(new MapPropertySource("wedsync-dashboard-credentials",
                Map.of("jobrunr.dashboard.username", user, "jobrunr.dashboard.password", generated)));
        log.warn("JobRunr dashboard on port {}: user '{}', generated password {} - a new one at each start; set "
                        + "WEDSYNC_DASHBOARD_PASSWORD (and WEDSYNC_DASHBOARD_USERNAME) to choose them",
                environment.getProperty("jobrunr.dashboard.port", "8000"), user, generated);
    }
}
