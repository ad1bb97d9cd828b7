import Testing

/// `np.random`, numpy's legacy generator, against what numpy 2 printed for the same program.
@Suite("numpy random")
struct NumPyRandomTests {
    @Test("seed, draws, orders and choices are numpy's, value for value")
    func drawsMatchNumPy() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        np.random.seed(0)
        print(np.random.rand(3))
        print(np.random.randn(2, 2))
        print(np.random.randint(0, 10, 5))
        print(np.random.permutation(10))
        print(np.random.choice(10, 3), np.random.choice(10, 3, replace=False))
        print(np.random.choice([1.5, 2.5, 3.5], 2, p=[0.2, 0.3, 0.5]))
        print(np.random.normal(1.0, 2.0, 2), np.random.uniform(-1, 1, 2), np.random.random(2))
        print(np.random.rand(), np.random.randint(5), np.random.choice(5), np.random.normal())
        np.random.seed(2**32-1); print(np.random.rand())
        x = np.arange(6); np.random.seed(0); np.random.shuffle(x); print(x)
        l = list(range(7)); np.random.shuffle(l); print(l)
        rs = np.random.RandomState(0); print(rs.rand(2), rs.randn(2))
        np.random.seed(3); print(np.random.randint(5, 2**33, 3))
        print(np.random.randint(0, 5, (2, 2)).dtype, np.random.randint(0, 5, 3, dtype=np.int32).dtype)
        m = np.arange(12).reshape(4, 3); np.random.shuffle(m); print(m)
        print(np.random.permutation(np.array([1.5, 2.5, 3.5])))
        print(np.random.choice(np.array([3, 5, 7]), size=(2, 2)))
        print(np.random.random_sample((2,)), np.random.standard_normal(2))
        np.random.seed(1993)
        order = np.arange(100)
        order = np.random.permutation(len(order)).tolist()
        print(order[:10])
        try:
            np.random.seed(-1)
        except ValueError as e:
            print("ValueError", e)
        try:
            np.random.randint(5, 5)
        except ValueError as e:
            print("ValueError", e)
        try:
            np.random.choice(3, 5, replace=False)
        except ValueError as e:
            print("ValueError", e)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        [0.5488135  0.71518937 0.60276338]
        [[-2.2683282   1.33354538]
         [-0.84272405  1.96992445]]
        [6 8 8 1 6]
        [2 3 8 4 5 1 0 6 9 7]
        [4 3 0] [4 8 1]
        [3.5 3.5]
        [2.20978747 4.25431965] [0.07474646 0.51723125] [0.10590761 0.47360042]
        0.18633234332675996 2 4 -0.3330574014413246
        0.0976320289940138
        [5 2 1 3 0 4]
        [1, 0, 6, 3, 4, 2, 5]
        [0.5488135  0.71518937] [0.97873798 2.2408932 ]
        [ 303761053 7902520968  521102285]
        int64 int32
        [[ 9 10 11]
         [ 0  1  2]
         [ 6  7  8]
         [ 3  4  5]]
        [2.5 3.5 1.5]
        [[5 7]
         [3 7]]
        [0.27848728 0.6762549 ] [-0.34733018  0.06629873]
        [68, 56, 78, 8, 23, 84, 90, 65, 74, 76]
        ValueError Seed must be between 0 and 2**32 - 1
        ValueError low >= high
        ValueError Cannot take a larger sample than population when 'replace=False'

        """#)
    }

    @Test("tile, repeat, stacks, linalg.norm, the logical functions and a single-process torch.distributed, as numpy and PyTorch print them")
    func evaluationHelpers() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        import torch.distributed as dist
        a = np.array([1, 2, 3])
        print(np.tile(a, 2), np.tile(a, (2, 1)).shape, np.tile(np.array([[1, 2]]), (2, 2)).tolist())
        print(np.repeat(a, 2), np.repeat(np.array([[1, 2], [3, 4]]), 2, axis=0).tolist(), np.repeat(np.array([[1, 2], [3, 4]]), 3))
        print(np.vstack([a, a]).shape, np.hstack([a, a]), np.vstack([np.ones((2, 3)), a]).tolist())
        x = np.arange(12.).reshape(3, 4) / 7
        print(np.linalg.norm(x), np.linalg.norm(x, axis=0), np.linalg.norm(x, axis=1, keepdims=True).shape, np.linalg.norm(a))
        b = np.array([True, False, False])
        print(np.logical_and(a > 1, b), np.logical_or(a > 2, b), np.logical_xor(a > 1, b), np.logical_not(b))
        print(dist.is_available(), dist.is_initialized())
        try:
            dist.get_world_size()
        except ValueError as e:
            print("ValueError", e)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        [1 2 3 1 2 3] (2, 3) [[1, 2, 1, 2], [1, 2, 1, 2]]
        [1 1 2 2 3 3] [[1, 2], [1, 2], [3, 4], [3, 4]] [1 1 1 2 2 2 3 3 3 4 4 4]
        (2, 3) [1 2 3 1 2 3] [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 2.0, 3.0]]
        3.2134919654862837 [1.27775313 1.47772578 1.69030851 1.91129831] (3, 1) 3.7416573867739413
        [False False False] [ True False  True] [ True  True  True] [False  True  True]
        True False
        ValueError Default process group has not been initialized, please make sure to call init_process_group.

        """#)
    }
}
