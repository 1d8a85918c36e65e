"""What a restricted API key may do (issue 23): models, operations, methods, fields and networks.

A key with no rule is its user, unchanged. A key with rules may touch only the models they list,
with the operations they grant; a rule's fields (when it lists any) are the only ones the key may
read, filter, order, group or write on that model. Restrictions only ever narrow what the user may
do: Odoo's rights and record rules still apply on top. Every refusal is a 403 naming what refused it.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping

import attrs
from attrs import field, frozen

from .errors import AccessError, ValidationError
from .limits import IDENTIFIER, comma_list
from .model_info import OPERATIONS, ModelAccess, ModelInfo

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str | None) -> tuple[Network, ...]:
    """``"10.0.0.0/8, 2001:db8::/32"`` as networks; a malformed one is a ``ValidationError``."""
    networks, bad = [], []
    for part in comma_list(text):
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            bad.append(part)
    if bad:
        raise ValidationError(f"Not a network in CIDR form (e.g. 203.0.113.0/24): {', '.join(bad)}",
                              {"networks": bad})
    return tuple(networks)


def parse_methods(text: str | None) -> frozenset[str]:
    """``"action_confirm, name_get"`` as method names; a malformed or private one is refused."""
    names = comma_list(text)
    bad = [name for name in names if not IDENTIFIER.match(name) or name.startswith("_")]
    if bad:
        raise ValidationError(f"Not a public method name: {', '.join(bad)}", {"methods": bad})
    return frozenset(names)


def _names(names: Iterable[str]) -> frozenset[str]:
    return frozenset(names)


@frozen
class ModelGrant:
    """One rule: the operations a key may perform on a model, its methods, and its fields."""

    model: str
    read: bool = False
    create: bool = False
    write: bool = False
    unlink: bool = False
    methods: frozenset[str] = field(default=frozenset(), converter=_names)
    fields: frozenset[str] = field(default=frozenset(), converter=_names)  # empty: every field

    def allows(self, operation: str) -> bool:
        return bool(getattr(self, operation))


def refused(restriction: str, message: str, **details) -> AccessError:
    """The 403 of a restricted key: ``details.restriction`` names what refused, never the data."""
    return AccessError(message, {"restriction": restriction, **details})


@frozen
class KeyRestrictions:
    """The rules of one key (``grants`` by model; none: unrestricted) and its networks (none: any)."""

    grants: Mapping[str, ModelGrant] | None = None
    networks: tuple[Network, ...] = ()

    @classmethod
    def of(cls, grants: Iterable[ModelGrant], networks: Iterable[Network] = ()) -> KeyRestrictions:
        """From a key's rules (several rules for one model add up) and networks."""
        merged: dict[str, ModelGrant] = {}
        for grant in grants:
            seen = merged.get(grant.model)
            merged[grant.model] = grant if seen is None else ModelGrant(
                grant.model, seen.read or grant.read, seen.create or grant.create, seen.write or grant.write,
                seen.unlink or grant.unlink, seen.methods | grant.methods,
                frozenset() if not seen.fields or not grant.fields else seen.fields | grant.fields)
        return cls(merged or None, tuple(networks))

    @property
    def fingerprint(self) -> tuple:
        """A hashable summary: two keys with the same rules see the same document (caches)."""
        grants = None if self.grants is None else tuple(sorted(self.grants.values(), key=lambda g: g.model))
        return grants, self.networks

    @property
    def restricted(self) -> bool:
        return self.grants is not None or bool(self.networks)

    def check_address(self, address: str | None) -> None:
        """Refuse a client outside the key's networks (the address as Odoo sees it)."""
        if not self.networks:
            return
        try:
            client = ipaddress.ip_address(address or "")
        except ValueError:
            client = None
        if client is None or not any(client in network for network in self.networks):
            raise refused("network", "This API key may not be used from this address")

    def narrow(self, model: ModelInfo, operation: str, method: str | None = None) -> ModelInfo:
        """``model`` as this key sees it, for ``operation`` (or for calling ``method``): refused when
        the key may not, else with its rights narrowed to the key's and the fields outside its list
        unreadable."""
        if self.grants is None:
            return model
        grant = self.grants.get(model.name)
        if grant is None:
            raise refused("model", f"This API key may not use model {model.name}", model=model.name)
        if method is not None:
            if method not in grant.methods:
                raise refused("method", f"This API key may not call {model.name}.{method}",
                              model=model.name, method=method)
        elif not grant.allows(operation):
            raise refused("operation", f"This API key may not {operation} records of model {model.name}",
                          model=model.name, operation=operation)
        access = ModelAccess(*[getattr(model.access, op) and grant.allows(op) for op in OPERATIONS])
        fields = model.fields
        if grant.fields:
            fields = {name: info if name == "id" or name in grant.fields else attrs.evolve(info, readable=False)
                      for name, info in model.fields.items()}
        return attrs.evolve(model, fields=fields, access=access,
                            restricted_fields=frozenset(n for n, f in fields.items() if not f.readable
                                                        and model.fields[n].readable))

    def allows_model(self, name: str) -> bool:
        """Whether the key may use model ``name`` at all (for lists of models)."""
        return self.grants is None or name in self.grants

    def may_ever(self, operation: str) -> bool:
        """Whether the key may perform ``operation`` (one of ``OPERATIONS``, or ``method``: call one)
        on some model: what an agent is offered (MCP lists only the tools a key may use)."""
        if self.grants is None:
            return True
        if operation == "method":
            return any(grant.methods for grant in self.grants.values())
        return any(grant.allows(operation) for grant in self.grants.values())

    def models_for(self, operation: str) -> list[str] | None:
        """The models the key may perform ``operation`` on (``method``: call some method of), by
        name; None when the key has no model rules (any model its user may use)."""
        if self.grants is None:
            return None
        return sorted(name for name, grant in self.grants.items()
                      if (grant.methods if operation == "method" else grant.allows(operation)))
