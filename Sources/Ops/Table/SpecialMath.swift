import Autograd
import TensorEngine

/// The inverse hyperbolic and gamma-family functions, the two-input special functions
/// (`logaddexp`, `xlogy`, ...) and the shrink activations.
extension OpTable {
    static let specialMathOps: [OpEntry] = specialUnaryOps + specialBinaryOps + shrinkOps + [rot90]

    private static let rot90 = OpEntry("rot90", "Tensor input, int k=1, tuple[int] dims=None", [.function, .method], family: .movement) { arguments in
        // PyTorch's default dims are [0, 1]; the default None stands for them here (an explicit None is refused).
        .tensor(try Autodiff.rot90(try arguments.tensor("input"), k: try arguments.int("k"), dims: arguments.has("dims") ? try arguments.ints("dims") : [0, 1]))
    }

    private static let allForms: OpVariants = [.function, .method, .inPlace]

    private static let specialUnaryOps: [OpEntry] = [
        special("acosh", .acosh, aliases: ["torch.arccosh", "Tensor.arccosh", "Tensor.arccosh_", "torch.arccosh_"], torchInPlace: true),
        special("asinh", .asinh, aliases: ["torch.arcsinh", "Tensor.arcsinh", "Tensor.arcsinh_", "torch.arcsinh_"], torchInPlace: true),
        special("atanh", .atanh, aliases: ["torch.arctanh", "Tensor.arctanh", "Tensor.arctanh_", "torch.arctanh_"], torchInPlace: true),
        special("sinc", .sinc, aliases: ["torch.special.sinc"], torchInPlace: true),
        special("lgamma", .lgamma, aliases: ["torch.special.gammaln"]),
        special("digamma", .digamma, aliases: ["torch.special.digamma", "torch.special.psi"]),
        OpEntry("polygamma", "int n, Tensor input", [.function], family: .elementwise, aliases: ["torch.special.polygamma"]) { arguments in
            .tensor(try Autodiff.special(.polygamma(try arguments.int("n")), try arguments.tensor("input")))
        },
        // The method takes n after the receiver: `x.polygamma(1)`.
        OpEntry("polygamma", "Tensor input, int n", [.method, .inPlace], family: .elementwise) { arguments in
            .tensor(try Autodiff.special(.polygamma(try arguments.int("n")), try arguments.tensor("input")))
        },
        OpEntry("sgn", "Tensor input", allForms, family: .elementwise) { arguments in
            .tensor(try Autodiff.signOfReal(try arguments.tensor("input")))
        },
        OpEntry("positive", "Tensor input", [.function, .method], family: .elementwise) { arguments in
            let input = try arguments.tensor("input")
            guard input.dtype != .bool else {
                throw TensorError(.notImplementedError, "The `+` operator, on a bool tensor is not supported.")
            }
            return .tensor(input)
        },
    ]

    private static let specialBinaryOps: [OpEntry] = [
        specialBinary("logaddexp", .logaddexp, "Tensor input, Tensor other", [.function, .method]),
        specialBinary("logaddexp2", .logaddexp2, "Tensor input, Tensor other", [.function, .method]),
        specialBinary("xlogy", .xlogy, "Tensor|Scalar input, Tensor|Scalar other", allForms.union(.inPlaceFunction), aliases: ["torch.special.xlogy"]),
        specialBinary("copysign", .copysign, "Tensor input, Tensor|Scalar other", allForms),
        specialBinary("nextafter", .nextafter, "Tensor input, Tensor other", allForms),
        specialBinary("gcd", .gcd, "Tensor input, Tensor other", allForms.union(.inPlaceFunction)),
        specialBinary("lcm", .lcm, "Tensor input, Tensor other", allForms.union(.inPlaceFunction)),
        OpEntry("float_power", "Tensor|Scalar input, Tensor|Scalar exponent", allForms, family: .elementwise) { arguments in
            // Computes in double whatever the inputs are, as PyTorch does.
            let base = try doublePrecision(try arguments.operand("input"))
            let exponent = try doublePrecision(try arguments.operand("exponent"))
            return .tensor(try Autodiff.binary(.power, base, exponent))
        },
        shift("bitwise_left_shift", .leftShift),
        shift("bitwise_right_shift", .rightShift),
    ]

    private static let shrinkOps: [OpEntry] = [
        OpEntry("hardshrink", "Tensor input, Scalar lambd=0.5", [.function, .method, .functional], family: .activation) { arguments in
            .tensor(try Autodiff.shrink(try arguments.tensor("input"), lambda: try arguments.float("lambd"), soft: false))
        },
        OpEntry("softshrink", "Tensor input, Scalar lambd=0.5", [.functional], family: .activation) { arguments in
            .tensor(try Autodiff.shrink(try arguments.tensor("input"), lambda: try arguments.float("lambd"), soft: true))
        },
    ]

    /// `torchInPlace`: whether PyTorch also has the in-place form as a function (`torch.sinc_(x)`).
    private static func special(_ name: String, _ op: SpecialUnaryOp, aliases: [String] = [], torchInPlace: Bool = false) -> OpEntry {
        OpEntry(name, "Tensor input", torchInPlace ? allForms.union(.inPlaceFunction) : allForms, family: .elementwise, aliases: aliases) { arguments in
            .tensor(try Autodiff.special(op, try arguments.tensor("input")))
        }
    }

    private static func specialBinary(_ name: String, _ op: SpecialBinaryOp, _ signature: String, _ variants: OpVariants,
                                      aliases: [String] = []) -> OpEntry {
        OpEntry(name, signature, variants, family: .elementwise, aliases: aliases) { arguments in
            let parameters = OpSignature(signature).parameters
            return .tensor(try Autodiff.specialBinary(op, try arguments.operand(parameters[0].name), try arguments.operand(parameters[1].name)))
        }
    }

    /// `torch.bitwise_left_shift(1, x)`: PyTorch's Scalar-self overload, tried first.
    private static func shift(_ name: String, _ op: BinaryOp) -> OpEntry {
        OpEntry(name, "Tensor input, Tensor|Scalar other", allForms, family: .elementwise, overloads: ["Scalar self, Tensor other"],
                pythonOverloads: ["Tensor input, Tensor other, *, Tensor out = None", "Number self, Tensor other",
                                  "Tensor input, Number other, *, Tensor out = None"]) { arguments in
            let base = arguments.overload == 0 ? try arguments.operand("self") : .tensor(try arguments.tensor("input"))
            return .tensor(try Autodiff.binary(op, base, try arguments.operand("other")))
        }
    }

    private static func doublePrecision(_ operand: Operand) throws -> Operand {
        switch operand {
        case let .tensor(tensor): .tensor(try Autodiff.to(tensor, .float64))
        case let .scalar(scalar): .scalar(.float(scalar.doubleValue))
        }
    }
}
