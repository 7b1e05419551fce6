"""The site's menu: drawn once per language, permissions and current item in each process (core/templatetags/
menu.py), it still marks the page's own item and shows each person only the links they may use."""

from django.conf import settings
from django.urls import reverse


def _menu(client, url) -> str:
    page = client.get(url).content.decode()
    return page[page.index('<nav class="site-nav"'):page.index("</nav>", page.index('<nav class="site-nav"'))]


def test_the_menu_marks_the_page_s_item_and_shows_each_person_their_links(client, unit_coordinator, admin_user):
    home, plans, stats, imports = reverse("home"), reverse("plans:mine"), reverse("statistics:dashboard"), reverse("orgs:import")
    client.force_login(unit_coordinator)
    menu = _menu(client, home)
    assert f'<a href="{home}" aria-current="page">หน้าหลัก</a>' in menu
    assert f'href="{stats}"' in menu and f'href="{imports}"' not in menu
    menu = _menu(client, reverse("plans:org", args=[unit_coordinator.memberships.get().organisation.code]))
    assert f'<a href="{plans}" aria-current="page">' in menu and f'<a href="{home}" >' in menu

    client.force_login(admin_user)  # no agency: no statistics; an administrator: the import
    menu = _menu(client, home)
    assert f'href="{stats}"' not in menu and f'href="{imports}"' in menu
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert f'<a href="{home}" aria-current="page">Home</a>' in _menu(client, home)
