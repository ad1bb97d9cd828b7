import Testing
import TensorEngine

/// Expected strings come from CPython 3.11: `repr(x)`, `'{:.Nf}'.format(x)`, `'{:.Ne}'.format(x)`.
@Suite struct PrintingNumberFormatTests {
    @Test(arguments: [
        (0.1, "0.1"), (2.0, "2.0"), (-0.0, "-0.0"), (0.0, "0.0"),
        (1e-05, "1e-05"), (0.0001, "0.0001"), (0.00012345, "0.00012345"), (1.5e-07, "1.5e-07"),
        (1e16, "1e+16"), (1234567890123456.0, "1234567890123456.0"),
        (12345678901234568.0, "1.2345678901234568e+16"), (1e22, "1e+22"),
        (123.456, "123.456"), (-2.5, "-2.5"), (100.0, "100.0"), (1.0 / 3.0, "0.3333333333333333"),
        (.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (Double(Float(0.1)), "0.10000000149011612"), (9007199254740993.0, "9007199254740992.0"),
        (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"), (-Double.nan, "nan"),
    ] as [(Double, String)])
    func pythonRepr(_ value: Double, _ expected: String) {
        #expect(pythonFloatRepr(value) == expected)
    }

    @Test(arguments: [
        (0.125, 2, "0.12"), (0.375, 2, "0.38"), (2.5, 0, "2"), (3.5, 0, "4"), (-0.0, 4, "-0.0000"),
        (1.0 / 3.0, 4, "0.3333"), (1e20, 4, "100000000000000000000.0000"), (-1.5, 0, "-2"),
        (Double(Float(0.22)), 4, "0.2200"), (0.05, 1, "0.1"), (.infinity, 4, "inf"), (-.infinity, 0, "-inf"),
        (.nan, 4, "nan"), (-Double.nan, 4, "nan"),
    ] as [(Double, Int, String)])
    func fixed(_ value: Double, _ precision: Int, _ expected: String) {
        #expect(formatFixed(value, precision: precision) == expected)
    }

    @Test(arguments: [
        (1e-05, 4, "1.0000e-05"), (100000.0, 4, "1.0000e+05"), (0.0, 4, "0.0000e+00"), (-0.0, 4, "-0.0000e+00"),
        (1e-300, 4, "1.0000e-300"), (12345.0, 2, "1.23e+04"), (-2.5e16, 4, "-2.5000e+16"), (5.0, 0, "5e+00"),
        (.infinity, 4, "inf"), (.nan, 4, "nan"),
    ] as [(Double, Int, String)])
    func scientific(_ value: Double, _ precision: Int, _ expected: String) {
        #expect(formatScientific(value, precision: precision) == expected)
    }
}
