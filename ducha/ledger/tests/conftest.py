import pytest


@pytest.fixture
def api(world):
    """`api("coord")`: a REST client logged in as one of the world's users."""
    from rest_framework.test import APIClient

    def as_user(username):
        client = APIClient()
        client.force_authenticate(world.users[username])
        return client

    return as_user
