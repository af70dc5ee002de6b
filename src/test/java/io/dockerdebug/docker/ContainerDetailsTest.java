package io.dockerdebug.docker;

import io.dockerdebug.json.Json;
import io.dockerdebug.docker.ContainerDetails.Mount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerDetailsTest {
    private static ContainerDetails inspect(String json) throws Exception {
        return ContainerDetails.fromInspect(Json.parse(json.replace('\'', '"')));
    }

    private static final String FILES = "'HostsPath':'/c/hosts','ResolvConfPath':'/c/resolv.conf','HostnamePath':'/c/hostname'";

    @Test
    void theEnginesOwnFilesAndTmpfsMountsAreMountsOfTheTarget() throws Exception {
        ContainerDetails d = inspect("{'Id':'abc'," + FILES + ",'HostConfig':{'Tmpfs':{'/run':'size=1m'}},"
                + "'Mounts':[{'Type':'tmpfs','Source':'','Destination':'/cache','RW':true}]}");
        assertEquals(List.of(
                new Mount("tmpfs", "", "/cache", true),
                new Mount("tmpfs", null, "/run", true),
                new Mount("engine", "/c/hosts", "/etc/hosts", true),
                new Mount("engine", "/c/resolv.conf", "/etc/resolv.conf", true),
                new Mount("engine", "/c/hostname", "/etc/hostname", true)), d.mounts());
        assertTrue(d.hasTmpfs());
        assertFalse(d.readOnlyRoot());
    }

    @Test
    void aReadOnlyRootMakesTheEnginesFilesReadOnlyAndAUserMountAtTheirPlaceWins() throws Exception {
        ContainerDetails d = inspect("{'Id':'abc'," + FILES + ",'HostConfig':{'ReadonlyRootfs':true},"
                + "'Mounts':[{'Type':'bind','Source':'/srv/hosts','Destination':'/etc/hosts','RW':false}]}");
        assertTrue(d.readOnlyRoot());
        assertEquals(List.of(
                new Mount("bind", "/srv/hosts", "/etc/hosts", false),
                new Mount("engine", "/c/resolv.conf", "/etc/resolv.conf", false),
                new Mount("engine", "/c/hostname", "/etc/hostname", false)), d.mounts());
        assertFalse(d.hasTmpfs());
    }
}
