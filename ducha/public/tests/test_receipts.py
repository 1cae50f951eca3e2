from ducha.public import receipts


def test_numbers_carry_a_check_digit_and_are_not_sequential():
    numbers = {receipts.new_number("YY", 2026) for _ in range(200)}
    assert len(numbers) == 200 and all(receipts.is_valid(n) for n in numbers)
    first = receipts.new_number("YY", 2026, choose=lambda n: 483012)
    assert first == "YY-2026-0483-0121"
    assert not receipts.is_valid("YY-2026-0483-0122")  # one digit wrong
    assert not receipts.is_valid("YY-2026-0438-0121")  # neighbours swapped


def test_what_people_type_is_normalised():
    assert receipts.normalise(" ｙｙ－２０２６－０４８３－０１２１ ") == "YY-2026-0483-0121"
    assert receipts.normalise("yy202604830121") == "YY-2026-0483-0121"
    assert receipts.normalise("yy 2026 0483 0121") == "YY-2026-0483-0121"
    assert receipts.normalise("<script>") == "" and receipts.normalise("") == ""
    assert receipts.prefix_of("YY-2026-0483-0121") == "YY"
