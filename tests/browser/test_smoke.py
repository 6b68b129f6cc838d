def test_home_page_renders_in_chromium(make_page, site, other_origin_requests):
    page = make_page(375)
    page.goto(site + "/")
    assert page.locator("h1").inner_text() == "Domestic abuse and children's services"
    assert page.locator(".exit-this-page__button").is_visible()
    assert other_origin_requests == []
