package dev.gatehouse.maven;

import dev.gatehouse.emulator.Gatehouse;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Stops the Gatehouse that {@code start} started for this project (nothing when none is running). */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractMojo {
    @Override
    public void execute() {
        Object instance = getPluginContext().remove(StartMojo.INSTANCE);
        if (instance instanceof Gatehouse gatehouse) {
            gatehouse.close();
            getLog().info("Gatehouse stopped");
        }
    }
}
