import Testing

/// The numpy subset, against outputs printed by real numpy 2 (and torch 2.15 for the bridge).
@Suite("numpy subset")
struct NumPyTests {
    @Test("array repr and str match numpy 2: dtypes, wrapping, scientific, summarised, nested")
    func reprsMatchNumPy() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        print(repr(np.array([1., 2.])), np.array([1., 2.]), repr(np.array([1, 2])), repr(np.array([])))
        print(repr(np.array([1., 2.], dtype=np.float32)), repr(np.array([True, False])), repr(np.arange(3, dtype=np.int32)))
        print(repr(np.linspace(0, 1, 7)))
        print(np.linspace(0, 1, 7))
        print(repr(np.array([1e-5, 1.0, 3.5])), repr(np.array([1.0, 1001.0])), repr(np.array([1.0, 999.0])), repr(np.array([1e10, -3e-3])))
        print(repr(np.array([np.nan, 1.0])), repr(np.array([-np.inf, 2.5, 1e-7])), repr(np.array([-0.0, 1.0])))
        print(repr(np.arange(2000)))
        print(np.arange(1100.).reshape(2, 550))
        print(repr(np.arange(24).reshape(2, 3, 4)))
        print(repr(np.ones((2, 2), dtype=np.float32) / 3), repr(np.zeros((2, 0))), repr(np.array(3.5)), np.array(3.5))
        print(repr(np.arange(40, dtype=np.int32)))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        array([1., 2.]) [1. 2.] array([1, 2]) array([], dtype=float64)
        array([1., 2.], dtype=float32) array([ True, False]) array([0, 1, 2], dtype=int32)
        array([0.        , 0.16666667, 0.33333333, 0.5       , 0.66666667,
               0.83333333, 1.        ])
        [0.         0.16666667 0.33333333 0.5        0.66666667 0.83333333
         1.        ]
        array([1.0e-05, 1.0e+00, 3.5e+00]) array([1.000e+00, 1.001e+03]) array([  1., 999.]) array([ 1.e+10, -3.e-03])
        array([nan,  1.]) array([   -inf, 2.5e+00, 1.0e-07]) array([-0.,  1.])
        array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))
        [[0.000e+00 1.000e+00 2.000e+00 ... 5.470e+02 5.480e+02 5.490e+02]
         [5.500e+02 5.510e+02 5.520e+02 ... 1.097e+03 1.098e+03 1.099e+03]]
        array([[[ 0,  1,  2,  3],
                [ 4,  5,  6,  7],
                [ 8,  9, 10, 11]],

               [[12, 13, 14, 15],
                [16, 17, 18, 19],
                [20, 21, 22, 23]]])
        array([[0.33333334, 0.33333334],
               [0.33333334, 0.33333334]], dtype=float32) array([], shape=(2, 0), dtype=float64) array(3.5) 3.5
        array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,
               17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
               34, 35, 36, 37, 38, 39], dtype=int32)

        """#)
    }

    @Test("numpy scalars print as np.float64 and act as Python floats")
    func scalarsActAsPythonNumbers() {
        let outcome = StdlibTests.run(#"""
        import numpy as np, math
        x = np.linspace(0, 1, 7)[2]
        print(repr(x), x, type(x).__name__, float(x), '{:.4f}'.format(x), "%.3f" % x, f"{x:.2e}")
        y = np.float64(2.5)
        print(int(y), round(y), repr(round(np.float64(2.567), 2)), abs(-y), max(y, 2), sum([y, y]), math.cos(y))
        print(isinstance(y, float), y == 2.5, y > 2, [y], {"lr": y}, repr(y ** 2), repr(-y), repr(1 - y))
        print(repr(np.float32(0.1)), np.float32(0.1), repr(np.float32(0.1) * 3), repr(np.int64(3) // 2), repr(np.True_), repr(np.float64(1e20)))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        np.float64(0.3333333333333333) 0.3333333333333333 float64 0.3333333333333333 0.3333 0.333 3.33e-01
        2 2 np.float64(2.57) 2.5 2.5 5.0 -0.8011436155469337
        True True True [np.float64(2.5)] {'lr': np.float64(2.5)} np.float64(6.25) np.float64(-2.5) np.float64(-1.5)
        np.float32(0.1) 0.1 np.float32(0.3) np.int64(1) np.True_ np.float64(1e+20)

        """#)
    }

    @Test("numpy's promotion: Python floats are weak, int meets float as float64")
    func promotionFollowsNumPy() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        print(repr(np.arange(3) * 1.5), repr(np.arange(3) / 2), repr(np.arange(3) + 1), repr(np.arange(3) > 1))
        print(repr(np.arange(3, dtype=np.float32) + 1.5), repr(np.array([1.5, 2.25], dtype=np.float32) * np.float64(2)))
        print(repr(np.arange(3, dtype=np.int32) + np.ones(3, dtype=np.float32)), repr(np.array([True, False]) + 1))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        array([0. , 1.5, 3. ]) array([0. , 0.5, 1. ]) array([1, 2, 3]) array([False, False,  True])
        array([1.5, 2.5, 3.5], dtype=float32) array([3. , 4.5])
        array([1., 2., 3.]) array([2, 1])

        """#)
    }

    @Test("creation, math and reductions, with DINO's cosine_scheduler")
    func functionsMatchNumPy() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        def cosine_scheduler(base_value, final_value, epochs, niter_per_ep, warmup_epochs=0, start_warmup_value=0):
            warmup_schedule = np.array([])
            warmup_iters = warmup_epochs * niter_per_ep
            if warmup_epochs > 0:
                warmup_schedule = np.linspace(start_warmup_value, base_value, warmup_iters)
            iters = np.arange(epochs * niter_per_ep - warmup_iters)
            schedule = final_value + 0.5 * (base_value - final_value) * (1 + np.cos(np.pi * iters / len(iters)))
            return np.concatenate((warmup_schedule, schedule))
        s = cosine_scheduler(0.05, 1e-3, 5, 2, warmup_epochs=1)
        print(s.shape, np.round(s, 5))
        print(np.concatenate((np.linspace(0.04, 0.07, 3), np.ones(2) * 0.07)))
        b = np.arange(6).reshape(2, 3)
        print(b.sum(), b.sum(axis=1), b.mean(axis=0), b.max(), b.min(axis=1), b.argmax(axis=1), np.argmin([3, 1, 2]), repr(b.mean()))
        print(np.sqrt(np.array([1, 4, 9])), np.exp(np.array([0, 1])), repr(np.log2(8)), np.sin(np.pi / 2), np.abs(np.array([-1, 2])))
        print(np.unique(np.array([3, 1, 3, 2])), np.cumsum(np.arange(5)), np.clip(np.arange(5), 1, 3), np.isnan(np.array([1.0, np.nan])))
        print(np.allclose(np.ones(3), np.ones(3) + 1e-9), np.stack([np.ones(2), np.zeros(2)]), np.where(b > 2, b, -1), np.zeros((2, 3)), np.full(3, 2))
        print(b.tolist(), b.T, repr(b.astype(np.float32)), b.ndim, b.size, b.dtype, repr(b.dtype), b.dtype == np.int64)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        (10,) [0.      0.05    0.05    0.04814 0.04282 0.03488 0.0255  0.01612 0.00818
         0.00286]
        [0.04  0.055 0.07  0.07  0.07 ]
        15 [ 3 12] [1.5 2.5 3.5] 5 [0 3] [2 2] 1 np.float64(2.5)
        [1. 2. 3.] [1.         2.71828183] np.float64(3.0) 1.0 [1 2]
        [1 2 3] [ 0  1  3  6 10] [1 1 2 3 3] [False  True]
        True [[1. 1.]
         [0. 0.]] [[-1 -1 -1]
         [ 3  4  5]] [[0. 0. 0.]
         [0. 0. 0.]] [2 2 2]
        [[0, 1, 2], [3, 4, 5]] [[0 3]
         [1 4]
         [2 5]] array([[0., 1., 2.],
               [3., 4., 5.]], dtype=float32) 2 6 int64 dtype('int64') True

        """#)
    }

    @Test("slices are views, masks select, assignment writes through")
    func indexingAndViews() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        a = np.arange(10.)
        v = a[2:5]; v[0] = 100
        print(a, repr(a[-1]), a[[0, 2]], a[1:4:2], a[::-1], a[a > 5], len(a), 3.0 in a)
        b = np.arange(6).reshape(2, 3)
        b[:, 0] = -1; print(b); b[b < 0] = 7; print(b, b[1], b[1, 2])
        for row in b: print(row, list(row))
        c = np.ones(3); c += 1; c *= np.arange(3); print(c, bool(np.array([0])))
        z = np.zeros(4); w = z[1:3]; w += 1; alias = z; alias *= 2; print(z)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        [  0.   1. 100.   3.   4.   5.   6.   7.   8.   9.] np.float64(9.0) [  0. 100.] [1. 3.] [  9.   8.   7.   6.   5.   4.   3. 100.   1.   0.] [100.   6.   7.   8.   9.] 10 True
        [[-1  1  2]
         [-1  4  5]]
        [[7 1 2]
         [7 4 5]] [7 4 5] 5
        [7 1 2] [np.int64(7), np.int64(1), np.int64(2)]
        [7 4 5] [np.int64(7), np.int64(4), np.int64(5)]
        [0. 2. 4.] False
        [0. 2. 2. 0.]

        """#)
    }

    @Test("Tensor.numpy() and torch.from_numpy share memory; torch.tensor keeps the dtype")
    func torchBridge() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        import torch
        t = torch.ones(3); n = t.numpy(); n[0] = 5; print(t, repr(n))
        a = np.arange(3.); u = torch.from_numpy(a); u[1] = 7; print(u, a)
        print(torch.tensor(np.arange(3)), torch.as_tensor(np.array([1.5], dtype=np.float32)), torch.ones(2) * np.float64(3))
        m = np.linspace(0.9, 1, 3)[1]
        p = torch.ones(3); p.mul_(m).add_((1 - m) * torch.ones(3)); print(p)
        print(torch.tensor([np.float64(0.5), 1.0]), torch.tensor([np.int64(2), 3]), torch.as_tensor(np.float64(2)))
        print('float64' == np.ones(2).dtype, np.dtype('float32'), np.float32 == np.dtype('float32'))
        x = torch.ones(2, requires_grad=True)
        x.numpy()
        """#)
        #expect(outcome.stdout == #"""
        tensor([5., 1., 1.]) array([5., 1., 1.], dtype=float32)
        tensor([0., 7., 2.], dtype=torch.float64) [0. 7. 2.]
        tensor([0, 1, 2]) tensor([1.5000]) tensor([3., 3.])
        tensor([1., 1., 1.])
        tensor([0.5000, 1.0000], dtype=torch.float64) tensor([2, 3]) tensor(2., dtype=torch.float64)
        True float32 True

        """#)
        #expect(outcome.error == "RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
    }

    @Test("std, var, prod, maximum, dot, endpoint=False, float steps, numpy scalars from tensors")
    func moreFunctionsMatchNumPy() {
        let outcome = StdlibTests.run(#"""
        import numpy as np, torch
        a = np.array([[1., 2., 4.], [3., 5., 9.]])
        print(a.std(), np.var(a, axis=0), a.std(axis=1, ddof=1), np.prod(np.arange(1, 6)), a.prod(axis=0), repr(np.std([1, 2, 3, 4])))
        print(np.float64(3), repr(np.float32(1.5)), np.array(torch.arange(3)), repr(np.asarray(torch.ones(2))), torch.ones(3) * np.arange(3.))
        print(f"{a.dtype} {a.shape}", np.maximum(np.arange(4), 2), np.dot(np.arange(3), np.arange(3)), np.mean([0.1, 0.2]))
        print(np.linspace(0, 1, 5, endpoint=False), np.arange(0, 1, 0.25), np.arange(5, dtype=np.float32), np.array([1, 2], dtype=float))
        print(np.zeros_like(a), np.ones(3, dtype=np.int64), np.round(2.567, 1), repr(np.round(np.float32(2.567), 1)), np.around(np.array([0.5, 1.5, 2.5])))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        2.581988897471611 [1.   2.25 6.25] [1.52752523 3.05505046] 120 [ 3. 10. 36.] np.float64(1.118033988749895)
        3.0 np.float32(1.5) [0 1 2] array([1., 1.], dtype=float32) tensor([0., 1., 2.], dtype=torch.float64)
        float64 (2, 3) [2 2 2 3] 5 0.15000000000000002
        [0.  0.2 0.4 0.6 0.8] [0.   0.25 0.5  0.75] [0. 1. 2. 3. 4.] [1. 2.]
        [[0. 0. 0.]
         [0. 0. 0.]] [1 1 1] 2.6 np.float32(2.6) [0. 2. 2.]

        """#)
    }

    @Test("float32 switches to scientific above 1e6; extra digits are the exact value's")
    func scientificDigitsMatchNumPy() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        print(repr(np.array([4985618.0, -6456984.0], dtype=np.float32)), repr(np.float32(4985618.0)), repr(np.float32(0.0001)), np.float32(1e7))
        print(repr(np.array([2.0, -246103140.0, 671283390.0], dtype=np.float32)))
        print(repr(np.array([197182.17, 1.0, 8.6393463e-08])))
        print(repr(np.array([7062393.0, 3314964.2, -1824885.5], dtype=np.float32)), repr(np.array([123456.0, 2.5], dtype=np.float32)))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        array([ 4.985618e+06, -6.456984e+06], dtype=float32) np.float32(4.985618e+06) np.float32(1e-04) 1e+07
        array([ 2.0000000e+00, -2.4610314e+08,  6.7128339e+08], dtype=float32)
        array([1.9718217e+05, 1.0000000e+00, 8.6393463e-08])
        array([ 7.0623930e+06,  3.3149642e+06, -1.8248855e+06], dtype=float32) array([1.23456e+05, 2.50000e+00], dtype=float32)

        """#)
    }

    @Test("sums and means add in numpy's pairwise order, to the last digit")
    func sumsAddInNumPyOrder() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        rows = [[((i * 7919 + j * 104729) % 1000) / 7.3 - 60 for j in range(37)] for i in range(11)]
        a = np.array(rows)
        print(repr(a.sum()), repr(a.mean()), a.sum(axis=0)[:5], a.sum(axis=1)[:5], a.mean(axis=0)[-3:], repr(a.T.sum()), a.T.sum(axis=1)[:4], a[:, ::2].sum())
        f = np.array(rows, dtype=np.float32)
        print(repr(f.sum()), repr(f.mean()), f.sum(axis=1)[:3], f.sum(axis=0, keepdims=True).shape, repr(np.arange(1000) .mean()), repr(np.linspace(0, 1, 1001).sum()))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        np.float64(3226.4383561643845) np.float64(7.927366968462861) [ 99.5890411  -34.79452055 104.79452055 107.39726027 110.        ] [179.17808219 316.57534247 316.98630137 317.39726027 317.80821918] [4.64508095 4.88169365 5.11830635] np.float64(3226.4383561643845) [ 99.5890411  -34.79452055 104.79452055 107.39726027] 1412.465753424658
        np.float32(3226.4385) np.float32(7.927367) [179.17807 316.57535 316.98633] (1, 37) np.float64(499.5) np.float64(500.5)

        """#)
    }

    @Test("arange steps, var and std, remainders and cos round as numpy's do")
    func roundingFollowsNumPy() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        print([repr(v) for v in np.arange(3.6759, 6.5, 0.7)], np.arange(5, 0), repr(np.arange(-12.0, -11.5, 0.1)[-1]))
        x = np.array([-34.0479, 29.32, -46.1662, 47.0, 25.913])
        print(repr(x.std()), repr(x.var()), repr(np.std(x, ddof=1)), repr(np.array([-49.3, 42.05, -24.0, 16.3]) % 4))
        print(repr(np.cos(np.array([54.3, 3.1415926535, 0.5]))), repr(np.sin(np.float64(54.3))))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        ['np.float64(3.6759)', 'np.float64(4.3759)', 'np.float64(5.075899999999999)', 'np.float64(5.775899999999999)', 'np.float64(6.475899999999999)'] [] np.float64(-11.600000000000001)
        np.float64(37.23911141369514) np.float64(1386.7514188815999) np.float64(41.63459227135532) array([2.7 , 2.05, 0.  , 0.3 ])
        array([-0.62713649, -1.        ,  0.87758256]) np.float64(-0.7789093812857372)

        """#)
    }

    /// Messages as numpy 2 words them (`python3 -W always`), shown through the warnings filters.
    @Test("floating-point RuntimeWarnings carry numpy's messages and obey warnings filters")
    func floatingPointWarnings() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        import warnings
        a = np.float64(1) / 0; b = np.array([1.0]) / 0; c = np.exp(np.array([1000.0])); d = np.float64(0) / 0
        print(np.log(np.array([0.0, -1.0])), np.sqrt(-1.0))
        warnings.simplefilter("ignore")
        print(np.log(0.0))
        """#)
        #expect(outcome.stdout == "[-inf  nan] nan\n-inf\n")
        #expect(outcome.stderr == """
            line 3: RuntimeWarning: divide by zero encountered in scalar divide
            line 3: RuntimeWarning: divide by zero encountered in divide
            line 3: RuntimeWarning: overflow encountered in exp
            line 3: RuntimeWarning: invalid value encountered in scalar divide
            line 4: RuntimeWarning: divide by zero encountered in log
            line 4: RuntimeWarning: invalid value encountered in log
            line 4: RuntimeWarning: invalid value encountered in sqrt

            """)
    }

    @Test("sort, argsort, median, eye, transpose; concatenate's default axis is 0")
    func orderingAndShapes() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        a = np.array([[3, 1, 2], [9, 7, 8]])
        print(np.sort(a), np.sort(a, axis=0), np.sort(a, axis=None), np.argsort(np.array([3, 1, 2])), a.argsort(), np.median(a), np.median(np.array([1.0, 4.0, 2.0])), np.median(a, axis=1))
        b = np.array([5.0, 1.0, 3.0]); b.sort(); print(b, np.eye(3), np.eye(2, 3, dtype=np.int64), np.transpose(a), a.transpose(), np.expand_dims(b, 0).shape, np.squeeze(np.ones((1, 3, 1))).shape)
        print(repr(np.median([1, 2, 3, 4])))
        print(np.concatenate([a, a]), np.concatenate((a, a), axis=None))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        [[1 2 3]
         [7 8 9]] [[3 1 2]
         [9 7 8]] [1 2 3 7 8 9] [1 2 0] [[1 2 0]
         [1 2 0]] 5.0 2.0 [2. 8.]
        [1. 3. 5.] [[1. 0. 0.]
         [0. 1. 0.]
         [0. 0. 1.]] [[1 0 0]
         [0 1 0]] [[3 9]
         [1 7]
         [2 8]] [[3 9]
         [1 7]
         [2 8]] (1, 3) (3,)
        np.float64(2.5)
        [[3 1 2]
         [9 7 8]
         [3 1 2]
         [9 7 8]] [3 1 2 9 7 8 3 1 2 9 7 8]

        """#)
    }

    @Test("integer arrays: // 0 gives 0, negative powers and bool subtraction refuse, Python ints must fit")
    func integerArithmeticFollowsNumPy() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        import warnings
        warnings.simplefilter("ignore")
        print(repr(np.array([3, 2, 0]) // np.array([0, 2, 2])), repr(np.array([5, 4], dtype=np.int32) % 0), repr(np.int64(3) // 0))
        print(repr(np.array([True, False]) // True), repr(np.array([True]) ** np.array([False])), repr(-1 < np.array([0, 1], dtype=np.uint8)), -1 % 0.25)
        for attempt in [lambda: np.array([1, 2]) ** -1, lambda: np.array([True]) - True, lambda: np.array([1], dtype=np.uint8) + 300]:
            try:
                attempt()
            except Exception as error:
                print(type(error).__name__, error)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        array([0, 1, 0]) array([0, 0], dtype=int32) np.int64(0)
        array([1, 0], dtype=int8) array([1], dtype=int8) array([ True,  True]) 0.0
        ValueError Integers to negative integer powers are not allowed.
        TypeError numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.
        OverflowError Python integer 300 out of bounds for uint8

        """#)
    }

    @Test("type() of numpy values is the module's own type object")
    func typeOfNumPyValues() {
        let outcome = StdlibTests.run(#"""
        import numpy as np
        print(type(np.float64(1)), type(np.ones(2)), type(np.ones(2)) == np.ndarray, type(np.float32(1)) == np.float32, type(np.True_), type(np.ones(2)) is np.ndarray)
        """#)
        #expect(outcome.stdout == "<class 'numpy.float64'> <class 'numpy.ndarray'> True True <class 'numpy.bool'> True\n")
    }

    @Test("numpy's error messages, and a named gap for what the subset lacks", arguments: [
        ("np.arange(3)[5]", "IndexError: index 5 is out of bounds for axis 0 with size 3"),
        ("np.ones(2) + np.ones(3)", "ValueError: operands could not be broadcast together with shapes (2,) (3,) "),
        ("np.arange(6).reshape(4)", "ValueError: cannot reshape array of size 6 into shape (4,)"),
        ("np.ones((2, 3))[0, 0, 0]", "IndexError: too many indices for array: array is 2-dimensional, but 3 were indexed"),
        ("np.arange(3) * torch.ones(3)", "TypeError: unsupported operand type(s) for *: 'numpy.ndarray' and 'Tensor'"),
        ("np.ones(2).foo", "AttributeError: 'numpy.ndarray' object has no attribute 'foo'"),
        ("i = np.arange(3); i += 1.5", "TypeError: Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'"),
        ("i = np.zeros(3); i += np.ones((2, 3))", "ValueError: non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2,3)"),
        ("np.fft", "AttributeError: module 'numpy' has no attribute 'fft' (TensorTutor's numpy subset does not have it)"),
    ])
    func errors(source: String, expected: String) {
        #expect(StdlibTests.run("import numpy as np\nimport torch\n" + source).error == expected)
    }
}
