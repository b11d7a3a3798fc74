package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClusterNodeInfoTests {

    @Test
    void parsesRedis62AndRedis7Lines() {
        String text = String.join("\n",
                "07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@40004 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected",
                "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@40002,node-2 master - 0 1426238316232 2 connected 5461-10922 [5461->-abc]",
                "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-5460 12000",
                "6ec23923021cf3ffec47632106199cb7f496ce01 127.0.0.1:30005@40005 master,fail - 1426238316232 0 5 disconnected",
                "");
        List<ClusterNodeInfo> nodes = ClusterNodeInfo.parseAll(text);
        assertEquals(4, nodes.size());

        ClusterNodeInfo replica = nodes.get(0);
        assertTrue(replica.isReplica());
        assertEquals("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca", replica.masterId());
        assertEquals(30004, replica.port());
        assertEquals(0, replica.slotCount());

        ClusterNodeInfo withHostname = nodes.get(1);
        assertEquals("127.0.0.1", withHostname.host());
        assertEquals(30002, withHostname.port());
        assertEquals(10922 - 5461 + 1, withHostname.slotCount(), "migrating entries are left out");

        ClusterNodeInfo myself = nodes.get(2);
        assertTrue(myself.isMyself() && myself.isMaster());
        assertNull(myself.masterId());
        assertTrue(myself.owns(0) && myself.owns(5460) && myself.owns(12000));
        assertFalse(myself.owns(5461));
        assertEquals(5462, myself.slotCount());

        ClusterNodeInfo failed = nodes.get(3);
        assertTrue(failed.isFailing());
        assertEquals("disconnected", failed.linkState());
    }
}
