import TensorEngine

/// `torch.FloatTensor`, `torch.LongTensor` and the other legacy tensor types that older
/// code still uses: as constructors (`torch.FloatTensor(2, 3)`), as classes
/// (`isinstance(x, torch.FloatTensor)` holds for any float32 tensor) and as targets of
/// `x.type(torch.LongTensor)` or `x.type('torch.LongTensor')`.
enum LegacyTensorType {
    static let dtypes: KeyValuePairs<String, DType> = [
        "FloatTensor": .float32, "DoubleTensor": .float64, "LongTensor": .int64, "IntTensor": .int32,
        "ShortTensor": .int16, "CharTensor": .int8, "ByteTensor": .uint8, "BoolTensor": .bool,
        "HalfTensor": .float16, "BFloat16Tensor": .bfloat16,
    ]

    static func dtype(ofTypeNamed name: String) -> DType? {
        dtypes.first { $0.key == name }?.value
    }

    /// The dtype a `type()` argument names: one of the constructors or its dotted name.
    static func dtype(namedBy value: Value) -> DType? {
        switch value {
        case let .builtin(builtin) where builtin.owner == nil: dtype(ofTypeNamed: builtin.name)
        case let .string(text) where text.hasPrefix("torch."): dtype(ofTypeNamed: String(text.dropFirst("torch.".count)))
        default: nil
        }
    }
}

extension Interpreter {
    func defineLegacyConstructors(_ torch: Namespace) {
        for (name, dtype) in LegacyTensorType.dtypes {
            torch.members[name] = .builtin(Builtin(name) { interpreter, arguments in
                try interpreter.legacyConstruct(arguments, dtype: dtype, name: name)
            })
        }
    }
}
