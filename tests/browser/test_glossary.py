def test_the_glossary_is_reached_from_home_at_320px_without_javascript(
    make_page, site, other_origin_requests
):
    page = make_page(320, javascript=False)
    page.goto(site + "/")
    page.get_by_role("main").get_by_role("link", name="Glossary").click()
    page.wait_for_url("**/glossary/")
    assert page.locator("h1").inner_text() == "Glossary"
    assert page.locator("dl.glossary dt").count() >= 15
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.get_by_role("contentinfo").get_by_role("link", name="Glossary").is_visible()

    page.goto(site + "/guides/mothers/previous-children-removed/")
    page.get_by_role("main").get_by_role("link", name="significant harm").click()
    page.wait_for_url("**/glossary/#significant-harm")
    term = page.locator("dt#significant-harm")
    assert term.evaluate("t => t.getBoundingClientRect().top") < 568
    page.locator("dt#significant-harm + dd").get_by_role("link").click()
    page.wait_for_url("**/guides/supporting-children-and-families/safeguarding-and-significant-harm/")
    assert "is not defined in the Act" in page.locator("main").inner_text()
    assert page.context.cookies() == []
    assert other_origin_requests == []
