"""Divisions, units and the current user as the API shows them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ducha.core import scoping
from ducha.jurisdictions.models import Division, Unit, User


class DivisionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Division
        fields = ["code", "name", "level"]


class DivisionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True,
                                          help_text="上级区划代码 / parent division code")
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Division
        fields = ["code", "name", "level", "level_display", "parent", "path"]


class UnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name"]


class UnitSerializer(serializers.ModelSerializer):
    division = DivisionBriefSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    aliases = serializers.SerializerMethodField(help_text="别名 / other spellings matched on import")

    class Meta:
        model = Unit
        fields = ["id", "name", "short_name", "kind", "kind_display", "division", "aliases", "is_active"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, unit):
        return unit.alias_list()


class MeSerializer(serializers.ModelSerializer):
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    is_admin = serializers.BooleanField(read_only=True)
    unit = UnitBriefSerializer(read_only=True)
    scope = serializers.SerializerMethodField(help_text="管辖范围（未设置时为所在单位的区划）/ scope division")
    may = serializers.SerializerMethodField(help_text="角色允许的操作 / actions the role allows")

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "role", "role_display", "is_admin", "unit", "scope", "may"]

    @extend_schema_field(DivisionBriefSerializer(allow_null=True))
    def get_scope(self, user):
        division = user.scope_division
        return DivisionBriefSerializer(division).data if division is not None else None

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=scoping.ACTIONS)))
    def get_may(self, user):
        return [action for action in scoping.ACTIONS if scoping.role_allows(user, action)]
