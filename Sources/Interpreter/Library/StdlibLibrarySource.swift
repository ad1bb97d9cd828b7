/// Standard-library pieces written in Python because user classes derive from them:
/// `abc.ABC`/`abstractmethod` and `types.SimpleNamespace`. Run once per session into a
/// library scope; modules that few programs import load on demand instead
/// (`lazyLibraryModuleSources`).
let stdlibLibrarySource = #"""
def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


class ABC:
    __tensortutor_abc__ = True


class SimpleNamespace:
    def __init__(self, **kwargs):
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __repr__(self):
        items = [f"{key}={value!r}" for key, value in self.__dict__.items()]
        return "namespace(" + ", ".join(items) + ")"

    def __eq__(self, other):
        return isinstance(other, SimpleNamespace) and self.__dict__ == other.__dict__
"""#
