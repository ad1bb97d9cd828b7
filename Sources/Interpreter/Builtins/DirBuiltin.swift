/// `dir(obj)`: the sorted names an object answers to, as CPython 3.11 and PyTorch 2.15
/// list them. Kinds whose full list TensorTutor cannot know say so instead of printing
/// a partial list.
extension Interpreter {
    func addDirBuiltin(to table: inout [String: Value]) {
        table.defineBuiltin("dir") { interpreter, arguments in
            let names: Set<String>
            if let object = try arguments.bind("dir", ["object"]).values["object"] {
                names = try interpreter.attributeNames(of: object)
            } else {
                names = Set(interpreter.scope.variables.keys)
            }
            return .list(ListStorage(names.sorted().map { .string($0) }))
        }
    }

    private func attributeNames(of object: Value) throws -> Set<String> {
        switch object {
        case let .instance(instance):
            var names = Set(instance.attributes.keys).union(classAttributeNames(instance.classObject))
            if let registry = instance.moduleRegistry {
                names.formUnion(DirNames.moduleMethods + DirNames.moduleInstanceState + ["training"])
                names.formUnion(registry.parameters.names + registry.buffers.names + registry.children.names)
            }
            return names
        case let .classObject(classObject):
            return classAttributeNames(classObject)
        case let .module(namespace):
            return Set(namespace.members.keys).union(["__doc__", "__name__"])
        case let .native(namespace as ArgparseNamespace):
            return Set(namespace.values.map(\.name) + DirNames.object + DirNames.userClass + DirNames.argparseNamespace)
        default:
            throw PythonError.notImplemented("dir() of a '\(object.typeName)' object is not available in TensorTutor")
        }
    }

    /// A user class's own and inherited attributes, with what every class has.
    private func classAttributeNames(_ classObject: ClassObject) -> Set<String> {
        var names = Set(DirNames.object + DirNames.userClass)
        for ancestor in classObject.mro {
            for (name, value) in ancestor.attributes where !name.hasPrefix("__tensortutor") {
                // Every class here carries `__annotations__`; CPython's only when it has some.
                if name == "__annotations__", case let .dict(annotations) = value, annotations.entries.isEmpty { continue }
                names.insert(name)
            }
        }
        return names
    }
}

/// Name lists taken from CPython 3.11 and PyTorch 2.15.
private enum DirNames {
    private static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    /// `dir(object())`.
    static let object = words(
        "__class__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ __getstate__ __gt__ "
        + "__hash__ __init__ __init_subclass__ __le__ __lt__ __ne__ __new__ __reduce__ __reduce_ex__ __repr__ "
        + "__setattr__ __sizeof__ __str__ __subclasshook__"
    )
    /// What a `class` statement adds.
    static let userClass = ["__dict__", "__module__", "__weakref__"]
    /// `dir(nn.Module)` beyond `object`'s.
    static let moduleMethods = words(
        "T_destination __annotations__ __call__ __dict__ __getattr__ __module__ __setstate__ __weakref__ _apply "
        + "_call_impl _compiled_call_impl _get_backward_hooks _get_backward_pre_hooks _get_name "
        + "_load_from_state_dict _maybe_warn_non_full_backward_hook _named_members "
        + "_register_load_state_dict_pre_hook _register_state_dict_hook _replicate_for_data_parallel "
        + "_save_to_state_dict _slow_forward _version _wrapped_call_impl add_module apply bfloat16 buffers "
        + "call_super_init children compile cpu cuda double dump_patches eval extra_repr float forward "
        + "get_buffer get_extra_state get_parameter get_submodule half ipu load_state_dict modules mtia "
        + "named_buffers named_children named_modules named_parameters parameters register_backward_hook "
        + "register_buffer register_forward_hook register_forward_pre_hook register_full_backward_hook "
        + "register_full_backward_pre_hook register_load_state_dict_post_hook register_load_state_dict_pre_hook "
        + "register_module register_parameter register_state_dict_post_hook register_state_dict_pre_hook "
        + "requires_grad_ set_extra_state set_submodule share_memory state_dict to to_empty train type xpu "
        + "zero_grad"
    )
    /// The registries and hook tables `nn.Module.__init__` puts in every instance.
    static let moduleInstanceState = words(
        "_backward_hooks _backward_pre_hooks _buffers _forward_hooks _forward_hooks_always_called "
        + "_forward_hooks_with_kwargs _forward_pre_hooks _forward_pre_hooks_with_kwargs _is_full_backward_hook "
        + "_load_state_dict_post_hooks _load_state_dict_pre_hooks _modules _non_persistent_buffers_set "
        + "_parameters _state_dict_hooks _state_dict_pre_hooks"
    )
    /// `argparse.Namespace`'s own methods.
    static let argparseNamespace = words(
        "__contains__ __dict__ __module__ __weakref__ _get_args _get_kwargs"
    )
}
