import TensorEngine

/// Instances of user `nn.Module` subclasses, including subclasses of native layers
/// (`class LayerNorm(nn.LayerNorm)`), and the class checks against built-in layers.
extension Interpreter {
    /// `nn.Module.__getattr__`, reached after the instance's own attributes and its class:
    /// registered parameters, buffers and children, the methods every module has, then a
    /// native base layer's own attributes (`normalized_shape`, `forward`).
    func moduleInstanceAttribute(_ instance: Instance, _ name: String) throws -> Value? {
        guard let registry = instance.moduleRegistry else { return nil }
        if let value = registry.lookup(name) { return value }
        if let method = try moduleMethod(.instance(instance), registry, name) { return method }
        return try instance.nativeModule?.attribute(name, interpreter: self)
    }

    /// The `forward` a call runs: the class's, else the native base layer's.
    func moduleForward(_ instance: Instance) throws -> Value {
        if let method = instance.classObject.lookup("forward") {
            return try bindClassAttribute(method, instance: .instance(instance), classObject: instance.classObject)
        }
        if let native = instance.nativeModule, let forward = try native.attribute("forward", interpreter: self) { return forward }
        throw PythonError.notImplemented("Module [\(instance.classObject.name)] is missing the required \"forward\" function")
    }

    /// The factory behind `nn.Linear` and the other built-in layers, when `value` is one.
    func nativeModuleFactory(_ value: Value) -> Builtin? {
        guard case let .builtin(builtin) = value, case let .module(nn)? = modules["torch.nn"],
              case let .builtin(member)? = nn.members[builtin.name], member === builtin,
              builtin.name.first?.isUppercase == true, builtin.name != "Parameter" else { return nil }
        return builtin
    }

    /// `super()` on a module, for a name no user base class defines: `__init__` builds
    /// the native base layer (if any) and adopts its registry; other names are the
    /// module's own (`super().forward(x)`, `super().train(mode)`).
    func moduleSuperAttribute(_ receiver: Value?, _ name: String) throws -> Value? {
        guard case let .instance(instance)? = receiver, instance.moduleRegistry != nil else { return nil }
        guard name == "__init__" else {
            if name == "forward", let native = instance.nativeModule { return try native.attribute(name, interpreter: self) }
            if name == "__getattr__" {
                // `nn.Module.__getattr__`: the registered parameters, buffers and children only.
                return .builtin(Builtin("__getattr__") { interpreter, arguments in
                    guard case let .string(key) = try arguments.bind("__getattr__", ["name"]).value("name") else {
                        throw PythonError.typeError("attribute name must be string")
                    }
                    if let value = try interpreter.moduleInstanceAttribute(instance, key) { return value }
                    throw PythonError.attributeError("'\(instance.classObject.name)' object has no attribute '\(key)'")
                })
            }
            return try moduleInstanceAttribute(instance, name)
        }
        guard case let .builtin(factory)? = instance.classObject.lookup("__tensortutor_native_base__") else { return nil }
        return .builtin(Builtin("__init__") { interpreter, arguments in
            guard case let .native(native as NNModule) = try interpreter.call(.builtin(factory), arguments) else { return .none }
            if let registry = instance.moduleRegistry, registry !== native.registry {
                for (name, item) in registry.parameters.entries { native.registry.parameters.set(name, item) }
                for (name, item) in registry.buffers.entries { native.registry.buffers.set(name, item) }
                for (name, item) in registry.children.entries { native.registry.children.set(name, item) }
            }
            instance.nativeModule = native
            instance.moduleRegistry = native.registry
            return .none
        })
    }

    /// `isinstance(value, nn.Linear)`: a native layer built by that factory, or an
    /// instance of a user subclass of it.
    func isNativeModuleInstance(_ value: Value, of factory: Builtin) -> Bool {
        switch value {
        case let .native(module as NNModule): return module.classNames.contains(factory.name)
        case let .instance(instance):
            if case let .builtin(base)? = instance.classObject.lookup("__tensortutor_native_base__") { return base === factory }
            return false
        default: return false
        }
    }

    /// `issubclass(cls, classinfo)` for user classes, `nn.Module` and built-in layers.
    func isSubclass(_ candidate: Value, _ classes: Value) throws -> Bool {
        if case let .tuple(options) = classes { return try options.contains { try isSubclass(candidate, $0) } }
        switch (candidate, classes) {
        case let (.classObject(subclass), .classObject(base)):
            return subclass.inherits(from: base)
        case let (.classObject(subclass), .native(object)) where object is ModuleBaseClass:
            return subclass.lookup("__tensortutor_module__") != nil
        case let (.classObject(subclass), .builtin(builtin)) where nativeModuleFactory(classes) != nil:
            if case let .builtin(base)? = subclass.lookup("__tensortutor_native_base__") { return base === builtin }
            return false
        case let (.builtin(layer), .native(object)) where object is ModuleBaseClass:
            return nativeModuleFactory(.builtin(layer)) != nil
        case let (.builtin(layer), .builtin(other)):
            return layer === other
        case let (.classObject(subclass), .builtin(type)) where subclassableBuiltinType(classes) != nil:
            // A subclass of OrderedDict, defaultdict or Counter is a dict subclass too.
            guard let base = builtinBase(of: subclass) else { return false }
            return base === type || (type.name == "dict" && ["OrderedDict", "defaultdict", "Counter"].contains(base.name))
        case let (.builtin(builtin), .native(object)) where object is TensorTypeObject:
            return isParameterType(builtin)  // nn.Parameter subclasses torch.Tensor
        case (.classObject, _), (.builtin, _), (.native, _):
            return false
        default:
            throw PythonError.typeError("issubclass() arg 1 must be a class")
        }
    }
}

/// What completion offers after `model.`: the registered parameters, buffers and
/// children, which live outside the instance's own attributes, and the module methods.
extension Interpreter {
    static let moduleMethodNames = [
        "add_module", "apply", "buffers", "children", "cpu", "double", "eval", "float", "forward", "get_submodule", "half",
        "load_state_dict", "modules", "named_buffers", "named_children", "named_modules", "named_parameters", "parameters",
        "register_buffer", "register_forward_hook", "register_forward_pre_hook", "register_full_backward_hook",
        "register_full_backward_pre_hook", "register_module", "register_parameter",
        "requires_grad_", "state_dict", "to", "train", "training", "zero_grad",
    ]

    public func registeredModuleMemberNames(_ value: Value) -> [String] {
        guard let registry = moduleRegistry(of: value) else { return [] }
        return registry.parameters.names + registry.buffers.names + registry.children.names
            + Array(registry.plainAttributes.keys) + Interpreter.moduleMethodNames
    }

    /// A registered parameter, buffer or child, looked up without running any code.
    public func registeredModuleMember(_ name: String, of value: Value) -> Value? {
        guard let registry = moduleRegistry(of: value) else { return nil }
        return registry.lookup(name) ?? registry.plainAttributes[name]
    }
}

/// `print(nn.Linear)` and `type(layer)`: built-in layers print as the classes they are.
extension Interpreter {
    /// The file under `torch.nn.modules` that defines each built-in layer class.
    private static let nnModuleFiles: [String: String] = {
        let files: [(file: String, classes: String)] = [
        ("activation", "CELU ELU GELU GLU Hardshrink Hardsigmoid Hardswish Hardtanh LeakyReLU LogSigmoid"
            + " LogSoftmax Mish MultiheadAttention PReLU RReLU ReLU ReLU6 SELU SiLU Sigmoid Softmax"
            + " Softmax2d Softmin Softplus Softshrink Softsign Tanh Tanhshrink Threshold"),
        ("adaptive", "AdaptiveLogSoftmaxWithLoss"),
        ("batchnorm", "BatchNorm1d BatchNorm2d BatchNorm3d LazyBatchNorm1d LazyBatchNorm2d LazyBatchNorm3d"
            + " SyncBatchNorm"),
        ("channelshuffle", "ChannelShuffle"),
        ("container", "ModuleDict ModuleList ParameterDict ParameterList Sequential"),
        ("conv", "Conv1d Conv2d Conv3d ConvTranspose1d ConvTranspose2d ConvTranspose3d LazyConv1d LazyConv2d"
            + " LazyConv3d LazyConvTranspose1d LazyConvTranspose2d LazyConvTranspose3d"),
        ("distance", "CosineSimilarity PairwiseDistance"),
        ("dropout", "AlphaDropout Dropout Dropout1d Dropout2d Dropout3d FeatureAlphaDropout"),
        ("flatten", "Flatten Unflatten"),
        ("fold", "Fold Unfold"),
        ("instancenorm", "InstanceNorm1d InstanceNorm2d InstanceNorm3d LazyInstanceNorm1d LazyInstanceNorm2d"
            + " LazyInstanceNorm3d"),
        ("linear", "Bilinear Identity LazyLinear Linear"),
        ("loss", "BCELoss BCEWithLogitsLoss CTCLoss CosineEmbeddingLoss CrossEntropyLoss GaussianNLLLoss"
            + " HingeEmbeddingLoss HuberLoss KLDivLoss L1Loss LinearCrossEntropyLoss MSELoss"
            + " MarginRankingLoss MultiLabelMarginLoss MultiLabelSoftMarginLoss MultiMarginLoss NLLLoss"
            + " NLLLoss2d PoissonNLLLoss SmoothL1Loss SoftMarginLoss TripletMarginLoss"
            + " TripletMarginWithDistanceLoss"),
        ("normalization", "CrossMapLRN2d GroupNorm LayerNorm LocalResponseNorm RMSNorm"),
        ("padding", "CircularPad1d CircularPad2d CircularPad3d ConstantPad1d ConstantPad2d ConstantPad3d"
            + " ReflectionPad1d ReflectionPad2d ReflectionPad3d ReplicationPad1d ReplicationPad2d"
            + " ReplicationPad3d ZeroPad1d ZeroPad2d ZeroPad3d"),
        ("pixelshuffle", "PixelShuffle PixelUnshuffle"),
        ("pooling", "AdaptiveAvgPool1d AdaptiveAvgPool2d AdaptiveAvgPool3d AdaptiveMaxPool1d AdaptiveMaxPool2d"
            + " AdaptiveMaxPool3d AvgPool1d AvgPool2d AvgPool3d FractionalMaxPool2d FractionalMaxPool3d"
            + " LPPool1d LPPool2d LPPool3d MaxPool1d MaxPool2d MaxPool3d MaxUnpool1d MaxUnpool2d"
            + " MaxUnpool3d"),
        ("rnn", "GRU GRUCell LSTM LSTMCell RNN RNNBase RNNCell RNNCellBase"),
        ("sparse", "Embedding EmbeddingBag"),
        ("transformer", "Transformer TransformerDecoder TransformerDecoderLayer TransformerEncoder"
            + " TransformerEncoderLayer"),
        ("upsampling", "Upsample UpsamplingBilinear2d UpsamplingNearest2d"),
        ]
        var table: [String: String] = [:]
        for (file, classes) in files {
            for name in classes.split(separator: " ") { table[String(name)] = file }
        }
        return table
    }()

    /// `<class 'torch.nn.modules.linear.Linear'>` for the factory behind `nn.Linear`.
    func nativeModuleClassRepr(_ value: Value) -> String? {
        guard let factory = nativeModuleFactory(value), let file = Interpreter.nnModuleFiles[factory.name] else { return nil }
        return "<class 'torch.nn.modules.\(file).\(factory.name)'>"
    }
}
