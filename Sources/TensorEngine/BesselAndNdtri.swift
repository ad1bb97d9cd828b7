import Foundation

// The modified Bessel functions of the first kind and the inverse normal CDF, derived from
// the Cephes Math Library as ATen's Math.h carries them (see its note on Cephes' BSD
// licence). They run in the tensor's precision: float32 tensors use float arithmetic and,
// for i1 and i1e, ATen's shorter float coefficient tables.

/// Cephes' `chbevl`: the Chebyshev series Σ cᵢ Tᵢ(x/2), coefficients highest order first.
private func chebyshevSeries<T: BinaryFloatingPoint>(_ x: T, _ coefficients: [T]) -> T {
    var b0 = coefficients[0], b1: T = 0, b2: T = 0
    for coefficient in coefficients.dropFirst() {
        b2 = b1
        b1 = b0
        b0 = x * b1 - b2 + coefficient
    }
    return T(0.5) * (b0 - b2)
}

/// exp(−x)·I0(x) on [0, 8].
private let i0eSmall: [Double] = [
    -4.41534164647933937950E-18, 3.33079451882223809783E-17, -2.43127984654795469359E-16, 1.71539128555513303061E-15,
    -1.16853328779934516808E-14, 7.67618549860493561688E-14, -4.85644678311192946090E-13, 2.95505266312963983461E-12,
    -1.72682629144155570723E-11, 9.67580903537323691224E-11, -5.18979560163526290666E-10, 2.65982372468238665035E-9,
    -1.30002500998624804212E-8, 6.04699502254191894932E-8, -2.67079385394061173391E-7, 1.11738753912010371815E-6,
    -4.41673835845875056359E-6, 1.64484480707288970893E-5, -5.75419501008210370398E-5, 1.88502885095841655729E-4,
    -5.76375574538582365885E-4, 1.63947561694133579842E-3, -4.32430999505057594430E-3, 1.05464603945949983183E-2,
    -2.37374148058994688156E-2, 4.93052842396707084878E-2, -9.49010970480476444210E-2, 1.71620901522208775349E-1,
    -3.04682672343198398683E-1, 6.76795274409476084995E-1,
]

/// exp(−x)·√x·I0(x) on the inverted interval [8, ∞).
private let i0eLarge: [Double] = [
    -7.23318048787475395456E-18, -4.83050448594418207126E-18, 4.46562142029675999901E-17, 3.46122286769746109310E-17,
    -2.82762398051658348494E-16, -3.42548561967721913462E-16, 1.77256013305652638360E-15, 3.81168066935262242075E-15,
    -9.55484669882830764870E-15, -4.15056934728722208663E-14, 1.54008621752140982691E-14, 3.85277838274214270114E-13,
    7.18012445138366623367E-13, -1.79417853150680611778E-12, -1.32158118404477131188E-11, -3.14991652796324136454E-11,
    1.18891471078464383424E-11, 4.94060238822496958910E-10, 3.39623202570838634515E-9, 2.26666899049817806459E-8,
    2.04891858946906374183E-7, 2.89137052083475648297E-6, 6.88975834691682398426E-5, 3.36911647825569408990E-3,
    8.04490411014108831608E-1,
]

/// exp(−x)·I1(x)/x on [0, 8]; float uses only the last 17 terms, as ATen's float table.
private let i1eSmall: [Double] = [
    2.77791411276104639959E-18, -2.11142121435816608115E-17, 1.55363195773620046921E-16, -1.10559694773538630805E-15,
    7.60068429473540693410E-15, -5.04218550472791168711E-14, 3.22379336594557470981E-13, -1.98397439776494371520E-12,
    1.17361862988909016308E-11, -6.66348972350202774223E-11, 3.62559028155211703701E-10, -1.88724975172282928790E-9,
    9.38153738649577178388E-9, -4.44505912879632808065E-8, 2.00329475355213526229E-7, -8.56872026469545474066E-7,
    3.47025130813767847674E-6, -1.32731636560394358279E-5, 4.78156510755005422638E-5, -1.61760815825896745588E-4,
    5.12285956168575772895E-4, -1.51357245063125314899E-3, 4.15642294431288815669E-3, -1.05640848946261981558E-2,
    2.47264490306265168283E-2, -5.29459812080949914269E-2, 1.02643658689847095384E-1, -1.76416518357834055153E-1,
    2.52587186443633654823E-1,
]

/// exp(−x)·√x·I1(x) on [8, ∞); float uses only the last 7 terms.
private let i1eLarge: [Double] = [
    7.51729631084210481353E-18, 4.41434832307170791151E-18, -4.65030536848935832153E-17, -3.20952592199342395980E-17,
    2.96262899764595013876E-16, 3.30820231092092828324E-16, -1.88035477551078244854E-15, -3.81440307243700780478E-15,
    1.04202769841288027642E-14, 4.27244001671195135429E-14, -2.10154184277266431302E-14, -4.08355111109219731823E-13,
    -7.19855177624590851209E-13, 2.03562854414708950722E-12, 1.41258074366137813316E-11, 3.25260358301548823856E-11,
    -1.89749581235054123450E-11, -5.58974346219658380687E-10, -3.83538038596423702205E-9, -2.63146884688951950684E-8,
    -2.51223623787020892529E-7, -3.88256480887769039346E-6, -1.10588938762623716291E-4, -9.76109749136146840777E-3,
    7.78576235018280120474E-1,
]

/// The coefficient tables in one precision, with float's shortened i1e tables.
private struct BesselTables<T: BinaryFloatingPoint & Sendable>: Sendable {
    let i0Small: [T], i0Large: [T], i1Small: [T], i1Large: [T]

    init(shortI1: Bool) {
        i0Small = i0eSmall.map { T($0) }
        i0Large = i0eLarge.map { T($0) }
        i1Small = (shortI1 ? Array(i1eSmall.suffix(17)) : i1eSmall).map { T($0) }
        i1Large = (shortI1 ? Array(i1eLarge.suffix(7)) : i1eLarge).map { T($0) }
    }
}

private let floatTables = BesselTables<Float>(shortI1: true)
private let doubleTables = BesselTables<Double>(shortI1: false)

/// Which of the four Bessel forms: order 0 or 1, scaled by exp(−|x|) or not.
enum BesselForm { case i0, i0e, i1, i1e }

func bessel(_ form: BesselForm, _ input: Float) -> Float {
    bessel(form, input, floatTables, exp: expf, squareRoot: sqrtf)
}

func bessel(_ form: BesselForm, _ input: Double) -> Double {
    bessel(form, input, doubleTables, exp: Foundation.exp, squareRoot: Foundation.sqrt)
}

/// i0e of a float16 tensor: ATen has no float upcast for it, so the series runs in half
/// arithmetic (each step rounded to half) and only the final division by √x is in float.
func halfScaledBesselI0(_ input: Float16) -> Float16 {
    let x = Swift.abs(input)
    if x <= 8 { return chebyshevSeries(x / 2 - 2, halfI0Small) }
    return Float16(Float(chebyshevSeries(32 / x - 2, halfI0Large)) / sqrtf(Float(x)))
}

private let halfI0Small = i0eSmall.map { Float16(Float($0)) }
private let halfI0Large = i0eLarge.map { Float16(Float($0)) }

private func bessel<T: BinaryFloatingPoint>(_ form: BesselForm, _ input: T, _ tables: BesselTables<T>,
                                            exp: (T) -> T, squareRoot: (T) -> T) -> T {
    let x = Swift.abs(input)
    let small = x <= 8
    let y = small ? x / 2 - 2 : 32 / x - 2
    switch form {
    case .i0:
        return small ? exp(x) * chebyshevSeries(y, tables.i0Small) : exp(x) * chebyshevSeries(y, tables.i0Large) / squareRoot(x)
    case .i0e:
        return small ? chebyshevSeries(y, tables.i0Small) : chebyshevSeries(y, tables.i0Large) / squareRoot(x)
    case .i1:
        let magnitude = small ? exp(x) * x * chebyshevSeries(y, tables.i1Small)
            : exp(x) * chebyshevSeries(y, tables.i1Large) / squareRoot(x)
        return input < 0 ? -magnitude : magnitude
    case .i1e:
        let magnitude = small ? chebyshevSeries(y, tables.i1Small) * x : chebyshevSeries(y, tables.i1Large) / squareRoot(x)
        return input < 0 ? -magnitude : magnitude
    }
}

/// Cephes' `polevl`: a polynomial, coefficients highest order first.
private func polynomialValue<T: BinaryFloatingPoint>(_ x: T, _ coefficients: [T]) -> T {
    coefficients.reduce(T(0)) { $0 * x + $1 }
}

private let ndtriCentralNumerator: [Double] = [
    -5.99633501014107895267E1, 9.80010754185999661536E1, -5.66762857469070293439E1, 1.39312609387279679503E1,
    -1.23916583867381258016E0,
]
private let ndtriCentralDenominator: [Double] = [
    1.0, 1.95448858338141759834E0, 4.67627912898881538453E0, 8.63602421390890590575E1, -2.25462687854119370527E2,
    2.00260212380060660359E2, -8.20372256168333339912E1, 1.59056225126211695515E1, -1.18331621121330003142E0,
]
private let ndtriTailNumerator: [Double] = [
    4.05544892305962419923E0, 3.15251094599893866154E1, 5.71628192246421288162E1, 4.40805073893200834700E1,
    1.46849561928858024014E1, 2.18663306850790267539E0, -1.40256079171354495875E-1, -3.50424626827848203418E-2,
    -8.57456785154685413611E-4,
]
private let ndtriTailDenominator: [Double] = [
    1.0, 1.57799883256466749731E1, 4.53907635128879210584E1, 4.13172038254672030440E1, 1.50425385692907503408E1,
    2.50464946208309415979E0, -1.42182922854787788574E-1, -3.80806407691578277194E-2, -9.33259480895457427372E-4,
]
private let ndtriFarNumerator: [Double] = [
    3.23774891776946035970E0, 6.91522889068984211695E0, 3.93881025292474443415E0, 1.33303460815807542389E0,
    2.01485389549179081538E-1, 1.23716634817820021358E-2, 3.01581553508235416007E-4, 2.65806974686737550832E-6,
    6.23974539184983293730E-9,
]
private let ndtriFarDenominator: [Double] = [
    1.0, 6.02427039364742014255E0, 3.67983563856160859403E0, 1.37702099489081330271E0, 2.16236993594496635890E-1,
    1.34204006088543189037E-2, 3.28014464682127739104E-4, 2.89247864745380683936E-6, 6.79019408009981274425E-9,
]

/// The ndtri tables in one precision: the centre, the tail to exp(−32), the far tail.
private struct NdtriTables<T: BinaryFloatingPoint & Sendable>: Sendable {
    let central: ([T], [T]), tail: ([T], [T]), far: ([T], [T])

    init() {
        central = (ndtriCentralNumerator.map { T($0) }, ndtriCentralDenominator.map { T($0) })
        tail = (ndtriTailNumerator.map { T($0) }, ndtriTailDenominator.map { T($0) })
        far = (ndtriFarNumerator.map { T($0) }, ndtriFarDenominator.map { T($0) })
    }
}

private let floatNdtri = NdtriTables<Float>()
private let doubleNdtri = NdtriTables<Double>()

func inverseNormalCDF(_ input: Float) -> Float {
    inverseNormalCDF(input, floatNdtri, logarithm: logf, squareRoot: sqrtf)
}

func inverseNormalCDF(_ input: Double) -> Double {
    inverseNormalCDF(input, doubleNdtri, logarithm: Foundation.log, squareRoot: Foundation.sqrt)
}

/// ATen's `calc_ndtri`: a rational function of y − ½ in the middle, of 1/√(−2 ln y) in the tails.
private func inverseNormalCDF<T: BinaryFloatingPoint>(_ input: T, _ tables: NdtriTables<T>,
                                                      logarithm: (T) -> T, squareRoot: (T) -> T) -> T {
    if input == 0 { return -.infinity }
    if input == 1 { return .infinity }
    if input < 0 || input > 1 { return .nan }
    let expMinusTwo = T(0.13533528323661269189)
    var y = input, negate = true
    if y > 1 - expMinusTwo {
        y = 1 - y
        negate = false
    }
    if y > expMinusTwo {
        y -= T(0.5)
        let square = y * y
        // Grouped as ATen groups it: y + y·((y²·P(y²)) / Q(y²)).
        let scaled = square * polynomialValue(square, tables.central.0) / polynomialValue(square, tables.central.1)
        return (y + y * scaled) * T(2.50662827463100050242)
    }
    let x = squareRoot(T(-2) * logarithm(y))
    let x0 = x - logarithm(x) / x
    let z = 1 / x
    let (numerator, denominator) = x < 8 ? tables.tail : tables.far
    let x1 = z * polynomialValue(z, numerator) / polynomialValue(z, denominator)
    return negate ? -(x0 - x1) : x0 - x1
}
