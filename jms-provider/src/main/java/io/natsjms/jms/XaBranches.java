package io.natsjms.jms;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The transaction branches of this JVM that are not finished yet, by resource manager and Xid. One registry
 * for the whole JVM: when a transaction manager finds that two natsjms resources are the same resource
 * manager, it joins the second into the first one's branch (TMJOIN) and prepares and commits only one of
 * them, so the branch must be found from either. A branch leaves when it is committed, rolled back or found
 * read-only.
 */
final class XaBranches {

    /** The registry every natsjms XA resource of this JVM uses. */
    static final XaBranches JVM = new XaBranches();

    private final ConcurrentMap<XaBranchKey, XaBranch> branches = new ConcurrentHashMap<>();

    /** A new branch, or {@code null} when one with {@code key} exists. */
    XaBranch create(XaBranchKey key) {
        XaBranch branch = new XaBranch(key);
        return branches.putIfAbsent(key, branch) == null ? branch : null;
    }

    /** The branch with {@code key}, or {@code null}. */
    XaBranch get(XaBranchKey key) {
        return branches.get(key);
    }

    /** Forgets {@code branch} (finished). */
    void remove(XaBranch branch) {
        branches.remove(branch.key(), branch);
    }

    /** How many branches are unfinished. */
    int size() {
        return branches.size();
    }
}
